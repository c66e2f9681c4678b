package analyzer

// AnalyzerWithFunctionFacts is the analyzer as fixtures test it, with
// each function's summary expected on its own line.
var AnalyzerWithFunctionFacts = withFunctionFacts(Analyzer)
