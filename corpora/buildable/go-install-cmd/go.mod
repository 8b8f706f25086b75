module example.com/kvtool

go 1.19
