using System.Xml.Linq;
using Tartware.Host.Tests.Infrastructure;

namespace Tartware.Host.Tests;

/// <summary>
/// Module boundaries: a module references only building blocks and Tartware.Contracts, never another
/// module; building blocks never reference modules; only the host wires modules together.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly HashSet<string> BuildingBlocks = ["Tartware.ServiceDefaults", "Tartware.Messaging", "Tartware.Contracts"];

    [Fact]
    public void Source_projects_respect_module_boundaries()
    {
        var violations = BoundaryViolations(Path.Combine(RepoPaths.Root, "src"));
        violations.ShouldBeEmpty();
    }

    [Fact]
    public void The_boundary_check_catches_a_module_referencing_another_module()
    {
        var root = Directory.CreateTempSubdirectory("arch-").FullName;
        try
        {
            WriteProject(root, "Modules/Tartware.Identity", "../../Tartware.ServiceDefaults/Tartware.ServiceDefaults.csproj");
            WriteProject(root, "Modules/Tartware.Rates", "../Tartware.Identity/Tartware.Identity.csproj");
            WriteProject(root, "Tartware.Contracts", "../Modules/Tartware.Rates/Tartware.Rates.csproj");
            var violations = BoundaryViolations(root);
            violations.ShouldContain("Tartware.Rates -> Tartware.Identity (a module may reference only building blocks)");
            violations.ShouldContain("Tartware.Contracts -> Tartware.Rates (building blocks never reference modules)");
            violations.ShouldNotContain(v => v.StartsWith("Tartware.Identity", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Contracts_depend_on_no_other_tartware_assembly()
    {
        var references = typeof(Tartware.Contracts.Messaging.V1.Envelope).Assembly.GetReferencedAssemblies();
        references.ShouldNotContain(r => r.Name!.StartsWith("Tartware", StringComparison.Ordinal));
    }

    internal static List<string> BoundaryViolations(string srcRoot)
    {
        var violations = new List<string>();
        foreach (var project in Directory.EnumerateFiles(srcRoot, "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var isModule = Path.GetRelativePath(srcRoot, project).StartsWith("Modules", StringComparison.Ordinal);
            var references = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
            foreach (var reference in references)
            {
                var referenceIsBlock = BuildingBlocks.Contains(reference);
                if (isModule && !referenceIsBlock)
                {
                    violations.Add($"{name} -> {reference} (a module may reference only building blocks)");
                }
                else if (BuildingBlocks.Contains(name) && !referenceIsBlock)
                {
                    violations.Add($"{name} -> {reference} (building blocks never reference modules)");
                }
            }
        }

        return violations;
    }

    private static void WriteProject(string root, string folder, string reference)
    {
        var dir = Path.Combine(root, folder);
        Directory.CreateDirectory(dir);
        var name = Path.GetFileName(folder);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"),
            $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"{reference}\" /></ItemGroup></Project>");
    }
}
