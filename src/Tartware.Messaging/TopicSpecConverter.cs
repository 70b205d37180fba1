using System.ComponentModel;
using System.Globalization;

namespace Tartware.Messaging;

/// <summary>Lets configuration binding read a topic written as the string <c>name:partitions</c>.</summary>
internal sealed class TopicSpecConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? TopicSpec.Parse(text.Trim()) : base.ConvertFrom(context, culture, value);
}
