namespace Tartware.BuildTools.Modules;

/// <summary>Size and dependencies of one project under src/.</summary>
internal sealed record ModuleInfo(
    string Name,
    string RelativeDirectory,
    int SourceFiles,
    int NonBlankLines,
    int PublicTypes,
    IReadOnlyList<string> References);
