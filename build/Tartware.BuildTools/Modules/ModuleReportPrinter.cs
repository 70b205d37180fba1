using Tartware.BuildTools.Text;

namespace Tartware.BuildTools.Modules;

internal static class ModuleReportPrinter
{
    public static void Print(IReadOnlyList<ModuleInfo> modules, TextWriter output)
    {
        Format.Heading(output, "Modules (src/)");
        if (modules.Count == 0)
        {
            output.WriteLine("no project under src/");
            return;
        }

        var table = new TextTable(("Project", false), ("Path", false), ("Files", true), ("Lines", true), ("Public types", true), ("References", false));
        foreach (var m in modules)
        {
            var references = m.References.Count == 0 ? "-" : string.Join(", ", m.References);
            table.AddRow(m.Name, m.RelativeDirectory, Format.Int(m.SourceFiles), Format.Int(m.NonBlankLines), Format.Int(m.PublicTypes), references);
        }

        table.AddSeparator();
        table.AddRow(
            "Total",
            "",
            Format.Int(modules.Sum(m => m.SourceFiles)),
            Format.Int(modules.Sum(m => m.NonBlankLines)),
            Format.Int(modules.Sum(m => m.PublicTypes)),
            "");
        table.WriteTo(output);
    }
}
