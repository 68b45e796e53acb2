#!/usr/bin/env python3
"""Draws the packages' icon, icon.png next to this script: 128x128, three linked network nodes
on a rounded square. Standard library only, and byte-for-byte reproducible (no timestamps or
other ancillary chunks), so re-running it changes nothing unless the drawing changes.
Usage: eng/packaging/draw-icon.py"""
import math
import os
import struct
import zlib

SIZE = 128
SAMPLES = 4  # per axis: each pixel is the mean of 4x4 sub-pixel samples (anti-aliasing)
BACKGROUND = (0x1F, 0x5F, 0xAF)
FOREGROUND = (0xFF, 0xFF, 0xFF)
CORNER_RADIUS = 24
NODE_RADIUS = 13
LINK_HALF_WIDTH = 4.5
NODES = [(64, 30), (30, 92), (98, 92)]


def in_rounded_square(x, y):
    cx = min(max(x, CORNER_RADIUS), SIZE - CORNER_RADIUS)
    cy = min(max(y, CORNER_RADIUS), SIZE - CORNER_RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER_RADIUS ** 2


def distance_to_segment(x, y, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))


def in_network(x, y):
    if any(math.hypot(x - nx, y - ny) <= NODE_RADIUS for nx, ny in NODES):
        return True
    links = [(NODES[i], NODES[(i + 1) % len(NODES)]) for i in range(len(NODES))]
    return any(distance_to_segment(x, y, a, b) <= LINK_HALF_WIDTH for a, b in links)


def pixel(px, py):
    """RGBA of one pixel: coverage of the square sets alpha, coverage of the network mixes in white."""
    square = network = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x, y = px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES
            if in_rounded_square(x, y):
                square += 1
                network += in_network(x, y)
    if square == 0:
        return (0, 0, 0, 0)
    mix = network / square
    rgb = tuple(round(b + (f - b) * mix) for b, f in zip(BACKGROUND, FOREGROUND))
    return rgb + (round(255 * square / SAMPLES ** 2),)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png():
    rows = b"".join(b"\0" + bytes(c for px in range(SIZE) for c in pixel(px, py)) for py in range(SIZE))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(path, "wb") as f:
        f.write(png())
    print(path)
