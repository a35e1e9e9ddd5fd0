import Testing

@Test func poolScriptBuilds() {}
