module example.com/agree

go 1.26
