#!/usr/bin/env python3
"""Builds the PyTorch CUDA memory snapshot fixtures of Tests/PoolSnapshotTests/Fixtures.

No GPU and no PyTorch needed: each fixture is a plain dict pickled with Python's own `pickle`,
following the structure `torch.cuda.memory._snapshot()` documents (segments whose blocks tile
them, with `allocated_size`; device traces whose `oom` events carry `device_free`), at the
protocols `_dump_snapshot` uses (4 on Python 3.8-3.13, 5 on 3.14) and protocol 2.

    python3 scripts/make-snapshot-fixtures.py                  # rewrite the small fixtures
    python3 scripts/make-snapshot-fixtures.py --events N OUT   # a generated snapshot of N events
    python3 scripts/make-snapshot-fixtures.py --demo           # rewrite demos/gpu-oom.pickle

The generated one (10^6 events for the benchmarks) is not committed: make it when needed.
"""
import os
import pickle
import sys

KIB, MIB, GIB = 1 << 10, 1 << 20, 1 << 30
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "PoolSnapshotTests", "Fixtures")

# Frames as PyTorch records them: innermost first, Python and C++ mixed; the interpreter's
# own frames are there too (the reader's filter skips them, like _memory_viz.py).
TRAIN = {"filename": "/home/me/train.py", "line": 42, "name": "forward"}
EVAL = {"filename": "/usr/src/python/Python/ceval.c", "line": 4181, "name": "_PyEval_EvalFrameDefault"}
MAIN = {"filename": "/home/me/train.py", "line": 97, "name": "<module>"}
STEP = {"filename": "/home/me/train.py", "line": 61, "name": "step"}


def event(action, addr, size, time_us, frames=(), **extra):
    entry = {"action": action, "addr": addr, "size": size, "stream": 0, "time_us": time_us, "frames": list(frames)}
    entry.update(extra)
    return entry


def segment(device, address, total, blocks, segment_type="large", stream=0):
    """A segment whose blocks tile it: `blocks` is [(size, state, requested, frames)], in order."""
    out, offset = [], 0
    for size, state, requested, frames in blocks:
        out.append({"address": address + offset, "size": size, "requested_size": requested, "state": state,
                    "frames": list(frames)})
        offset += size
    assert offset == total, "blocks must tile the segment"
    allocated = sum(b["size"] for b in out if b["state"] == "active_allocated")
    return {"device": device, "address": address, "total_size": total, "allocated_size": allocated,
            "active_size": allocated, "requested_size": sum(b["requested_size"] for b in out if b["state"] != "inactive"),
            "stream": stream, "segment_type": segment_type, "blocks": out}


def actions():
    """Every action once, on device 0, with frames, an OOM and two keys poolmap ignores."""
    a, b, c = 0x7F0000000000, 0x7F1000000000, 0x7F2000000000
    trace = [
        event("segment_alloc", a, 20 * MIB, 1000, [TRAIN, EVAL, MAIN]),
        event("alloc", a, 2 * MIB, 1001, [EVAL, TRAIN, MAIN]),
        event("alloc", a + 2 * MIB, 4 * MIB, 1002, [STEP, MAIN], pool_id=(0, 0)),
        event("free_requested", a, 2 * MIB, 1003, [TRAIN]),
        event("free_completed", a, 2 * MIB, 1004, [TRAIN]),
        event("segment_map", b, 2 * MIB, 1005),
        event("segment_unmap", b, 2 * MIB, 1006),
        event("snapshot", 0, 0, 1007),
        {"action": "oom", "size": 2 * GIB, "stream": 0, "time_us": 1008, "frames": [TRAIN, MAIN],
         "device_free": int(0.8 * GIB)},
        event("alloc", a, 1 * MIB, 1009, [STEP]),
        event("segment_alloc", c, 2 * MIB, 1010),
        event("alloc", c, 512, 1011, [TRAIN]),
        event("free_requested", c, 512, 1012),
        event("free_completed", c, 512, 1013),
        event("segment_free", c, 2 * MIB, 1014),
        event("future_action", a, 0, 1015),
    ]
    segments = [segment(0, a, 20 * MIB, [
        (1 * MIB, "active_allocated", 1000000, [STEP]),
        (1 * MIB, "inactive", 0, []),
        (4 * MIB, "active_allocated", 4 * MIB, [STEP, MAIN]),
        (14 * MIB, "inactive", 0, []),
    ])]
    return {"segments": segments, "device_traces": [trace], "allocator_settings": {"PYTORCH_CUDA_ALLOC_CONF": ""}}


def ring_buffer():
    """A trace that begins mid-run: it frees two blocks allocated before it began, and a third
    block it never mentions is still live in the final segments."""
    a = 0x7F0000000000
    trace = [
        event("free_requested", a + 1 * MIB, 1 * MIB, 5000, [TRAIN]),
        event("free_completed", a + 1 * MIB, 1 * MIB, 5001, [TRAIN]),
        event("alloc", a + 6 * MIB, 1 * MIB, 5002, [STEP]),
        event("free_requested", a, 1 * MIB, 5003, [MAIN]),
        event("free_completed", a, 1 * MIB, 5004, [MAIN]),
        event("alloc", a, 512 * KIB, 5005, [TRAIN, MAIN]),
    ]
    segments = [segment(0, a, 20 * MIB, [
        (512 * KIB, "active_allocated", 500000, [TRAIN, MAIN]),
        (3 * MIB + 512 * KIB, "inactive", 0, []),
        (2 * MIB, "active_allocated", 2 * MIB, [MAIN]),
        (1 * MIB, "active_allocated", 1 * MIB, [STEP]),
        (13 * MIB, "inactive", 0, []),
    ])]
    return {"segments": segments, "device_traces": [trace]}


def two_devices():
    """Events on devices 0 and 1: the device must be chosen."""
    a0, a1 = 0x7F0000000000, 0x7E0000000000
    trace0 = [event("segment_alloc", a0, 2 * MIB, 1, [TRAIN]), event("alloc", a0, 512, 2, [TRAIN]),
              event("alloc", a0 + 512, 1024, 3, [STEP])]
    trace1 = [event("segment_alloc", a1, 20 * MIB, 4, [MAIN]), event("alloc", a1, 8 * MIB, 5, [MAIN])]
    segments = [
        segment(0, a0, 2 * MIB, [(512, "active_allocated", 500, [TRAIN]), (1024, "active_allocated", 1000, [STEP]),
                                 (2 * MIB - 1536, "inactive", 0, [])], segment_type="small"),
        segment(1, a1, 20 * MIB, [(8 * MIB, "active_allocated", 8 * MIB, [MAIN]), (12 * MIB, "inactive", 0, [])]),
    ]
    return {"segments": segments, "device_traces": [trace0, trace1]}


def segments_only():
    """The old form: a top-level list of segments, no trace."""
    a = 0x7F0000000000
    return [segment(0, a, 2 * MIB, [(1 * MIB, "active_allocated", 1 * MIB, [TRAIN]), (1 * MIB, "inactive", 0, [])],
                    segment_type="small")]


def generated(events):
    """`events` events on device 0 (one frame each): blocks of 512 B to 64 KiB allocated into
    one segment by a bump pointer that wraps, each freed (requested, then completed) later."""
    base, total = 0x7F0000000000, 1 * GIB
    trace = [event("segment_alloc", base, total, 0, [MAIN])]
    live, bump, state = [], 0, 12345
    while len(trace) < events:
        state = (state * 1103515245 + 12345) % (1 << 31)
        if live and (len(live) > 64 or state % 3 == 0):
            addr, size = live.pop(state % len(live))
            trace.append(event("free_requested", base + addr, size, len(trace), [TRAIN]))
            trace.append(event("free_completed", base + addr, size, len(trace), [TRAIN]))
        else:
            size = 512 * (1 + state % 128)
            if bump + size > total:
                bump = 0
            if any(a < bump + size and bump < a + s for a, s in live):
                continue
            live.append((bump, size))
            trace.append(event("alloc", base + bump, size, len(trace), [STEP]))
            bump += size
    blocks, offset = [], 0
    for addr, size in sorted(live):
        if addr > offset:
            blocks.append((addr - offset, "inactive", 0, []))
        blocks.append((size, "active_allocated", size, [STEP]))
        offset = addr + size
    if offset < total:
        blocks.append((total - offset, "inactive", 0, []))
    return {"segments": [segment(0, base, total, blocks)], "device_traces": [trace]}


class CachingAllocator:
    """A small model of PyTorch's CUDA caching allocator (one stream), enough to write a trace
    and final segments that agree: requests rounded up to 512 bytes; blocks of up to 1 MiB from
    the small pool's 2 MiB segments, larger ones from the large pool's segments (20 MiB for
    requests under 10 MiB, else the request rounded up to 2 MiB); best fit among the cached free
    blocks of the pool (smallest, then lowest address), the rest split off when more than 512
    bytes (small) or 1 MiB (large) remain; freed blocks merge with free neighbours and stay
    cached. When no cached block fits and the device is full, segments with no block in use are
    released (segment_free) and the request retried; then it fails (oom)."""

    def __init__(self, base, capacity):
        self.base, self.capacity, self.next_address = base, capacity, base
        self.segments, self.trace, self.clock = [], [], 0

    def event(self, action, addr, size, frames=(), **extra):
        self.clock += 7
        self.trace.append(event(action, addr, size, self.clock, frames, **extra))

    @property
    def reserved(self):
        return sum(seg["size"] for seg in self.segments)

    def best_fit(self, size, pool):
        fits = [(b["size"], seg["addr"] + b["offset"], seg, b) for seg in self.segments if seg["pool"] == pool
                for b in seg["blocks"] if b["state"] == "inactive" and b["size"] >= size]
        return min(fits, key=lambda f: (f[0], f[1]))[2:] if fits else None

    def alloc(self, requested, frames):
        size = max(512, (requested + 511) // 512 * 512)
        pool = "small" if size <= MIB else "large"
        found = self.best_fit(size, pool)
        if found is None:
            total = 2 * MIB if pool == "small" else 20 * MIB if size < 10 * MIB else (size + 2 * MIB - 1) // (2 * MIB) * 2 * MIB
            if self.reserved + total > self.capacity:
                for seg in [seg for seg in self.segments if all(b["state"] == "inactive" for b in seg["blocks"])]:
                    self.segments.remove(seg)
                    self.event("segment_free", seg["addr"], seg["size"], frames)
            if self.reserved + total > self.capacity:
                self.clock += 7
                self.trace.append({"action": "oom", "size": size, "stream": 0, "time_us": self.clock,
                                   "frames": list(frames), "device_free": self.capacity - self.reserved})
                return None
            # The driver hands out addresses with gaps between segments, as real ones have.
            addr = self.next_address
            self.next_address += total + 64 * MIB
            seg = {"addr": addr, "size": total, "pool": pool,
                   "blocks": [{"offset": 0, "size": total, "requested": 0, "state": "inactive", "frames": []}]}
            self.segments.append(seg)
            self.segments.sort(key=lambda s: s["addr"])
            self.event("segment_alloc", addr, total, frames)
            found = (seg, seg["blocks"][0])
        seg, block = found
        rest = block["size"] - size
        if rest > (512 if pool == "small" else MIB):
            index = seg["blocks"].index(block)
            seg["blocks"].insert(index + 1, {"offset": block["offset"] + size, "size": rest, "requested": 0,
                                             "state": "inactive", "frames": []})
            block["size"] = size
        block.update(requested=requested, state="active_allocated", frames=list(frames))
        addr = seg["addr"] + block["offset"]
        self.event("alloc", addr, block["size"], frames)
        return addr

    def free(self, addr):
        seg = next(s for s in self.segments if s["addr"] <= addr < s["addr"] + s["size"])
        index = next(i for i, b in enumerate(seg["blocks"]) if seg["addr"] + b["offset"] == addr)
        block = seg["blocks"][index]
        self.event("free_requested", addr, block["size"], block["frames"])
        self.event("free_completed", addr, block["size"], block["frames"])
        block.update(state="inactive", requested=0, frames=[])
        blocks = seg["blocks"]
        for i in (index + 1, index):  # merge with the free neighbours, after then before
            if 0 < i < len(blocks) and blocks[i - 1]["state"] == "inactive" and blocks[i]["state"] == "inactive":
                blocks[i - 1]["size"] += blocks[i]["size"]
                del blocks[i]

    def snapshot(self, device=0):
        segments = [segment(device, seg["addr"], seg["size"],
                            [(b["size"], b["state"], b["requested"], b["frames"]) for b in seg["blocks"]],
                            segment_type=seg["pool"]) for seg in self.segments]
        return {"segments": segments, "device_traces": [self.trace]}


def gpu_oom():
    """poolmap's `gpu-oom` demo: a synthetic but realistic inference server on an 8 GiB GPU.
    It loads a model's weights (1 GiB in 32 MiB tensors), then serves batches: each step
    allocates three activations that grow with the sequence and a few small tensors, adds one
    24 MiB block to the KV cache while the first activations are live, then frees the
    activations. Best fit puts each KV block into the smallest cached free block that holds it —
    a piece of a freed activation's segment — so segment after segment stays pinned by a KV
    block it can no longer be released for, and the next, longer activations need new segments,
    until one fails: an OOM with gigabytes reserved but unallocated, in pieces too small."""
    model = {"filename": "/srv/app/model.py", "line": 88, "name": "load_weights"}
    forward = {"filename": "/srv/app/model.py", "line": 141, "name": "forward"}
    attention = {"filename": "/srv/app/attention.py", "line": 57, "name": "attention"}
    grow = {"filename": "/srv/app/kv_cache.py", "line": 33, "name": "grow"}
    sample = {"filename": "/srv/app/sampler.py", "line": 19, "name": "sample"}
    serve = {"filename": "/srv/app/server.py", "line": 210, "name": "serve"}
    gpu = CachingAllocator(0x7F4000000000, 8 * GIB)
    for _ in range(32):
        gpu.alloc(32 * MIB, [model, serve])
    for step in range(100):
        live = []
        for k in range(3):
            size = (200 + 16 * step + 37 * k) * MIB + 4096 * (step + k)
            addr = gpu.alloc(size, [attention if k == 1 else forward, serve])
            if addr is None:
                return gpu.snapshot()
            live.append(addr)
            if k == 1 and gpu.alloc(24 * MIB + 512 * step, [grow, serve]) is None:
                return gpu.snapshot()
        live += [gpu.alloc(size, [sample, serve]) for size in (4096, 60000, 300000 + 512 * step)]
        for addr in live:
            gpu.free(addr)
    raise SystemExit("gpu-oom: the run never ran out of memory; adjust the sizes")


def write(name, data, protocol):
    with open(os.path.join(FIXTURES, name), "wb") as f:
        pickle.dump(data, f, protocol=protocol)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--events":
        with open(sys.argv[3], "wb") as f:
            pickle.dump(generated(int(sys.argv[2])), f, protocol=4)
        return
    if len(sys.argv) == 2 and sys.argv[1] == "--demo":
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demos", "gpu-oom.pickle")
        with open(path, "wb") as f:
            pickle.dump(gpu_oom(), f, protocol=4)
        return
    os.makedirs(FIXTURES, exist_ok=True)
    for protocol in (2, 4, 5):
        write(f"actions-p{protocol}.pickle", actions(), protocol)
    write("ring-buffer-p4.pickle", ring_buffer(), 4)
    write("two-devices-p5.pickle", two_devices(), 5)
    write("segments-only-p2.pickle", segments_only(), 2)
    write("generated-p4.pickle", generated(200), 4)


if __name__ == "__main__":
    main()
