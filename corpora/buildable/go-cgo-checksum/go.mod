module example.com/crcsum

go 1.19
