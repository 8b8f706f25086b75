package main

/*
#cgo LDFLAGS: -lz
#include <stdlib.h>
#include <zlib.h>

static unsigned long checksum(const char *data, unsigned int len) {
	return crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, len);
}
*/
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

func main() {
	inputs := os.Args[1:]
	if len(inputs) == 0 {
		inputs = []string{"hello"}
	}
	for _, s := range inputs {
		cs := C.CString(s)
		sum := C.checksum(cs, C.uint(len(s)))
		C.free(unsafe.Pointer(cs))
		fmt.Printf("crc32(%q) = %08x via zlib %s\n", s, uint32(sum), C.GoString(C.zlibVersion()))
	}
}
