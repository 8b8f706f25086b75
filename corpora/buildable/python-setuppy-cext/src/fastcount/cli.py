import argparse

from fastcount import count_byte


def main() -> None:
    parser = argparse.ArgumentParser(prog="fastcount")
    parser.add_argument("text")
    parser.add_argument("--char", default="a")
    args = parser.parse_args()
    found = count_byte(args.text.encode(), ord(args.char))
    print(f"{args.char!r} occurs {found} times (C speedups)")
