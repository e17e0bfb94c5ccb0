using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/SkillsGap.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SkillsGap.Benchmarks.FiguresBenchmarks).Assembly).Run(args);
