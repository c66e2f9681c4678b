package vetargs

import "testing"

func TestFromGoVet(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-json", "/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-nofallalloc.strict=x", "-strict=y", "vet.cfg"}, true},
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"std"}, false},
		{[]string{"-f", "json", "./cfg"}, false},
		{[]string{"-version"}, false},
	} {
		if got := FromGoVet(tc.args); got != tc.want {
			t.Errorf("FromGoVet(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
