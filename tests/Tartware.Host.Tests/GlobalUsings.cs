global using Shouldly;
global using Tartware.Testing;
global using Xunit;

// Hosts in one process share OpenTelemetry metric streams by instrument name; running these tests one
// at a time keeps one host's shutdown from disturbing another's scrape. They are quick.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
