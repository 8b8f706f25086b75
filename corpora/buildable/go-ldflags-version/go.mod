module example.com/relinfo

go 1.19
