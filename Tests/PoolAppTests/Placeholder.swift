import Testing

@Test func poolAppBuilds() {}
