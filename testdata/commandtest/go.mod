module example.com/commandtest

go 1.26
