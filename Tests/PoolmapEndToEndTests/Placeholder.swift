import Testing

@Test func poolmapEndToEndBuilds() {}
