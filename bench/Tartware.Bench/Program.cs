using Tartware.Bench.Cli;

return await BenchCommand.Create(args).Parse(args).InvokeAsync();
