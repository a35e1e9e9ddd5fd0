import Testing

@Test func memoryMapBuilds() {}
