import Testing

@Test func poolAllocatorBuilds() {}
