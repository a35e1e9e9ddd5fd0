#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the allocator and apps targets (binary encodings of
operation and event streams; the decoders are FuzzAllocator/AllocatorFuzz.swift and
FuzzApps/AppsFuzz.swift). Run from anywhere: python3 Fuzz/scripts/make-seeds.py"""
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")


def write(target, name, data):
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(bytes(data))


# ---- allocator: [pool size choice, policy] then operations -------------------------------
POOL = {1: 0, 64: 5, 100: 6, 256: 8, 1000: 9, 4096: 10, 65536: 11, 1 << 20: 12, 1 << 40: 14, "max": 15}


def alloc_small(n):  # alloc, size class 1: 1 + byte
    return [0, 1, n - 1]


def alloc_pow2(k):  # alloc, size class 6: 1 << k
    return [0, 6, k]


def aligned_pow2(k, align_k):  # allocAligned: size 1 << k, alignment 1 << align_k
    return [5, 6, k, 1, align_k]


def free_live(i):  # free, kind 0: the i-th live block
    return [10, 0, i]


def free_kind(kind, arg=0):
    return [10, kind, arg]


DEFRAG, QUERY = [15], [16]
# the classic exercise on 1024 bytes is not in the size table: 1000 is close enough.
write("allocator", "classic", [POOL[1000], 0] + alloc_pow2(8) * 3 + alloc_pow2(9) + free_live(1) + free_live(0)
      + alloc_pow2(9) + DEFRAG + QUERY + [0, 0])
write("allocator", "aligned-padding", [POOL[4096], 0] + alloc_small(100) + aligned_pow2(7, 8) + QUERY + [1, 0]
      + free_kind(2, 3) + DEFRAG)
write("allocator", "hostile", [POOL["max"], 0] + [0, 4, 3] + [5, 4, 1, 4, 3] + [5, 5] + [0x7f] + [0xff] * 7 + [4, 0]
      + free_kind(5, 4) + free_kind(6) + [0] * 8 + DEFRAG)
write("allocator", "bursts-and-holes", [POOL[1 << 40], 0] + [21, 40, 1, 200, 0] * 8 + [22, 1, 0] + [21, 63, 0, 5, 1]
      + DEFRAG + [22, 2, 1] + QUERY + [3, 0, 0])
write("allocator", "snapshots", [POOL[65536], 0] + alloc_small(50) * 4 + [18, 0] + free_live(1) + free_live(0) + [18, 1]
      + [19, 0] + DEFRAG + [19, 1] + [23, 1, 16] + [19, 2])
write("allocator", "double-free", [POOL[64], 0] + alloc_small(8) * 3 + free_live(1) + free_kind(3) + free_kind(2, 0)
      + free_kind(4, 1) + [20, 1])

# policies: next fit over holes with the rover, best and worst fit, switching in the middle
holes = alloc_small(40) * 6 + free_live(1) + free_live(2) + free_live(3)
write("allocator", "next-fit", [POOL[1000], 1] + holes + alloc_small(10) * 3 + free_live(0) + alloc_small(30) + DEFRAG
      + alloc_small(20))
write("allocator", "best-fit", [POOL[4096], 2] + holes + alloc_small(30) + aligned_pow2(4, 6) + QUERY + [0, 1])
write("allocator", "worst-fit-switching", [POOL[65536], 3] + holes + alloc_small(10) + [20, 1] + alloc_small(10)
      + [20, 2] + alloc_small(10) + [20, 0] + [18, 0] + [20, 3] + alloc_small(10) + [19, 0] + alloc_small(10))

# ---- apps: header, terminal size, colour depth, then the app and the events ------------
KEYS = list("aAfdrRuhl+=-_0?qQnbg 12x<>,.[]{}m:t%") + ["up", "down", "left", "right", "home", "end", "pageUp",
                                                "pageDown", "insert", "delete", "backspace", "enter",
                                                "escape", "tab", "backTab", "F1", "F2", "F12",
                                                "p", "e", "X"]
ALPHABET = list("0123456789 KkMGiBbx%")


def key(k):
    return [0, KEYS.index(k)]


def typed(text):
    out = []
    for chunk in [text[i:i + 8] for i in range(0, len(text), 8)]:
        out += [3, len(chunk) - 1] + [ALPHABET.index(c) for c in chunk]
    return out


def click(row, col):
    return [4, 0, row + 5, (col + 5) >> 8, (col + 5) & 0xFF]


def size(w, h):  # a size choice byte (8: explicit), then width - 1 (2 bytes) and height - 1
    return [8, (w - 1) >> 8, (w - 1) & 0xFF, h - 1]


def resize(w, h):
    return [6] + size(w, h)


def ticks(n):
    return [7, n - 1]


def screen(w, h, depth=2):
    return size(w, h) + [depth]


explorer = [0] + screen(100, 28) + [7, 3]  # a 64 KiB pool, seed 3
write("apps", "explorer-readme", explorer + key("R") + key("a") + typed("2KiB") + key("enter") + key("A")
      + typed("200 256") + key("enter") + key("a") + typed("12K") + key("enter") + key("a") + [3, 1, 19, 20]
      + key("enter") + key("escape"))
write("apps", "explorer-zoom-click", explorer + key("R") + key("+") * 6 + key("pageDown") + click(6, 10)
      + key("f") + key("d") + ticks(16) + key("u") * 3 + key("-") * 2 + key("0") + [5, 1, 0, 8, 0, 20])
write("apps", "explorer-resizes", explorer + key("R") + resize(1, 1) + key("?") + resize(300, 100)
      + resize(59, 15) + key("escape") + resize(60, 16) + key("left") + key("right") + key("home") + key("end")
      + key("q") + key("r"))
write("apps", "explorer-tiny-pool", [0] + screen(80, 24, 0) + [0, 0] + key("a") + typed("1") + key("enter")
      + key("a") + typed("1") + key("enter") + key("f") + key("u") + key("d"))
player = [1] + screen(100, 30)
write("apps", "player-demo", player + [0, 1, 0, 0] + ticks(16) * 4 + key(" ") + key("n") * 3 + key("b") * 2
      + key(">") * 4 + ticks(16) + key("g") + key("?") + key("x") + key("<") * 12 + ticks(8) + key("end") + key("[")
      + key("]") + key("{") + key("m") + key(":") + typed("50") + [3, 0, 19] + key("enter") + key("t") + key("+") * 3
      + click(2, 30) + key("l"))
script = b'pool 1KiB\na = alloc 100\nb = alloc 200 align 256\nsay "hi"\nwait 100ms\nfree a\ndefrag\nrandom 50\n'
write("apps", "player-script", player + [5, len(script)] + list(script) + [1, 6, 0] + ticks(16) * 3
      + key("b") * 3 + key("n") * 5 + resize(40, 10) + ticks(4))
trace = b'a 1 256\nm 2 100 64\nr 1 512\nf 2\nf 1\n'
write("apps", "player-trace", player + [6, len(trace)] + list(trace) + [1, 5, 1] + key("n") * 6 + key("b") * 6
      + key(" ") + ticks(10))
# the player with a forced policy (header bits 3-4: best) and --explain (bit 5)
write("apps", "player-explain-best", [1 | 2 << 3 | 0x20] + screen(100, 30) + [0, 1, 0, 1] + key("n") * 4 + ticks(16)
      + key("e") + key("n") * 2 + ticks(16) * 2 + key("h") + key("+"))
# the comparison (header 5): the script above, shuffle bytes, all four policies, default speed
write("apps", "compare-script", [5] + screen(100, 30) + [5, len(script)] + list(script) + [1, 3, 2, 1, 0, 2, 0, 1]
      + key("n") * 4 + key("b") + ticks(16) * 2 + key("end") + key("?") + key("escape") + key("g") + click(1, 40)
      + resize(60, 16) + key("q") + key("home"))
# the quiz (header 7): random questions (8 operations, 4 KiB pool, first fit, seed 0, 40% frees), then answers
write("apps", "quiz-random", [7] + screen(100, 30) + [1, 1, 7, 0, 3, 0, 0, 1, 40]
      + key("right") * 2 + key("enter") + ticks(16) * 2 + key("enter") + key("X") + key("enter") + ticks(16) * 2
      + key("enter") + key("l") + key("home") + key("end") + key("enter") + ticks(16) + key("enter") + typed("12")
      + key("enter") + key("g") + key("n"))
# the quiz on a demo, with the policy forced to next fit
write("apps", "quiz-demo", [7] + screen(80, 24) + [0, 0, 1, 1, 1] + key("enter") + ticks(16) + key("left")
      + click(5, 20) + key("enter") + ticks(16) * 2 + key(" ") + key("+") + key("0") + key("?") + key("q") + key("x"))
