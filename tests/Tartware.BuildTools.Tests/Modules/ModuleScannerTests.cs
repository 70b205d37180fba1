using Shouldly;
using Tartware.BuildTools.Modules;
using Tartware.BuildTools.Tests.Support;
using Xunit;

namespace Tartware.BuildTools.Tests.Modules;

public sealed class ModuleScannerTests
{
    [Fact]
    public void Counts_files_lines_public_types_and_references_of_every_project_under_src()
    {
        using var repo = new TempDirectory();
        repo.Write("src/Tartware.Host/Tartware.Host.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <ProjectReference Include="../Tartware.ServiceDefaults/Tartware.ServiceDefaults.csproj" />
                <ProjectReference Include="..\Modules\Tartware.Modules.Rates\Tartware.Modules.Rates.csproj" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/Tartware.Host/Program.cs", "var app = 1;\n\n   \nreturn app;\n");
        repo.Write("src/Tartware.Host/Cli/Commands.cs", "namespace X;\n\npublic static class Commands { }\ninternal sealed class Hidden { }\n");
        repo.Write("src/Tartware.Host/obj/Debug/Generated.cs", "public class Generated { }\n");
        repo.Write("src/Tartware.Host/bin/Release/Stale.cs", "public class Stale { }\n");
        repo.Write("src/Modules/Tartware.Modules.Rates/Tartware.Modules.Rates.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        repo.Write("src/Modules/Tartware.Modules.Rates/RatesModule.cs", "public sealed class RatesModule { }\npublic interface IRates { }\n");
        repo.Write("tests/Other.Tests/Other.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        var modules = ModuleScanner.Scan(repo.Root);

        modules.ShouldBe([
            new ModuleInfo("Tartware.Modules.Rates", "src/Modules/Tartware.Modules.Rates", 1, 2, 2, []),
            new ModuleInfo("Tartware.Host", "src/Tartware.Host", 2, 5, 1, ["Tartware.Modules.Rates", "Tartware.ServiceDefaults"]),
        ], ignoreOrder: false, comparer: new ModuleComparer());
    }

    [Theory]
    [InlineData("public sealed class Foo", 1)]
    [InlineData("public static partial class Foo", 1)]
    [InlineData("public abstract record Bar(int X);", 1)]
    [InlineData("public readonly record struct Money(decimal Amount);", 1)]
    [InlineData("public ref struct Reader", 1)]
    [InlineData("public interface IRates", 1)]
    [InlineData("public enum Status { A, B }", 1)]
    [InlineData("    public sealed class Nested { public enum Kind { X } }", 2)]
    [InlineData("internal sealed class Hidden", 0)]
    [InlineData("public void Classify() { }", 0)]
    [InlineData("public string Class { get; }", 0)]
    [InlineData("// public class Commented", 0)]
    [InlineData("/// <summary>A public class for X.</summary>", 0)]
    public void Public_type_declarations_are_counted(string line, int expected)
    {
        ModuleScanner.CountPublicTypes(line).ShouldBe(expected);
    }

    // Records holding lists compare the lists by reference; compare their contents instead.
    private sealed class ModuleComparer : IEqualityComparer<ModuleInfo>
    {
        public bool Equals(ModuleInfo? x, ModuleInfo? y) =>
            x is not null && y is not null
            && (x.Name, x.RelativeDirectory, x.SourceFiles, x.NonBlankLines, x.PublicTypes)
                == (y.Name, y.RelativeDirectory, y.SourceFiles, y.NonBlankLines, y.PublicTypes)
            && x.References.SequenceEqual(y.References);

        public int GetHashCode(ModuleInfo obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
