from fastcount._speedups import count_byte

__all__ = ["count_byte"]
