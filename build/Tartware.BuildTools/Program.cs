using Tartware.BuildTools;

// Console output is fine here: this tool lives outside src/ and only ever runs in scripts and CI.
return Cli.Run(args, Console.Out, Cli.DefaultToolCommand());
