module metodd

go 1.26
