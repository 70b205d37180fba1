global using Shouldly;
global using Tartware.Testing;
global using Xunit;
