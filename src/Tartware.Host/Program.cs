using Tartware.Host.Cli;

// `tartware <verb>`: serve the platform, migrate the database, run the dev broker. See README.md.
return await TartwareCli.InvokeAsync(args);
