using System.Security.Cryptography;
using System.Text;
using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class Base32Tests
{
    // RFC 4648 §10 test vectors, padding removed.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Rfc4648_vectors_encode_and_decode(string plain, string encoded)
    {
        Base32.Encode(Encoding.ASCII.GetBytes(plain)).ShouldBe(encoded);
        Encoding.ASCII.GetString(Base32.Decode(encoded)).ShouldBe(plain);
    }

    [Fact]
    public void Decoding_accepts_padding_and_lower_case()
    {
        Encoding.ASCII.GetString(Base32.Decode("MZXW6YQ=")).ShouldBe("foob");
        Encoding.ASCII.GetString(Base32.Decode("mzxw6ytboi======")).ShouldBe("foobar");
    }

    [Fact]
    public void Random_bytes_of_every_length_round_trip()
    {
        for (var length = 0; length <= 41; length++)
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var encoded = Base32.Encode(bytes);

            encoded.ShouldNotContain("=");
            Base32.Decode(encoded).ShouldBe(bytes);
        }
    }

    [Theory]
    [InlineData("MZ1W")]
    [InlineData("MZXW 6")]
    [InlineData("M")]
    [InlineData("MZX")]
    public void Invalid_characters_and_impossible_lengths_are_refused(string text) =>
        Should.Throw<FormatException>(() => Base32.Decode(text));

    [Fact]
    public void Otpauth_uri_carries_label_issuer_and_secret_url_encoded()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        var uri = OtpAuthUri.Build(OtpAuthUri.DefaultIssuer, "maria garcia@hotel.example", secret);

        uri.ShouldBe("otpauth://totp/Tartware:maria%20garcia%40hotel.example" +
                     "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tartware&algorithm=SHA1&digits=6&period=30");
        new Uri(uri).Scheme.ShouldBe("otpauth");
    }

    [Fact]
    public void Otpauth_uri_escapes_reserved_characters_in_issuer()
    {
        var uri = OtpAuthUri.Build("Hotel & Spa", "front:desk", [1, 2, 3]);

        uri.ShouldStartWith("otpauth://totp/Hotel%20%26%20Spa:front%3Adesk?secret=AEBAG&issuer=Hotel%20%26%20Spa&");
    }
}
