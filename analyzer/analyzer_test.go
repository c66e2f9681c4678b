package analyzer_test

import "testing"

func TestKinds(t *testing.T) { crossCheck(t, "kinds") }

func TestLookalikes(t *testing.T) { crossCheck(t, "lookalikes") }

func TestStdlib(t *testing.T) { crossCheck(t, "stdlib") }

func TestCalls(t *testing.T) { crossCheck(t, "calls") }
