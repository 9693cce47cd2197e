//go:build linux

package priority

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLowerEveryThread lowers the priority in a child process (a test
// cannot raise it back without privilege) and reads each thread's nice
// value from /proc, as the scheduler sees it.
func TestLowerEveryThread(t *testing.T) {
	if os.Getenv("PRIORITY_CHILD") == "1" {
		got, err := Lower(7)
		if err != nil {
			t.Fatal(err)
		}
		os.Stdout.WriteString("nice=" + strconv.Itoa(got) + "\n")
		// Threads the runtime starts afterwards inherit the value.
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread() // a new thread for each, kept to the end
				time.Sleep(20 * time.Millisecond)
			}()
		}
		time.Sleep(5 * time.Millisecond)
		ents, err := os.ReadDir("/proc/self/task")
		if err != nil {
			t.Skip("no /proc")
		}
		for _, e := range ents {
			b, err := os.ReadFile("/proc/self/task/" + e.Name() + "/stat")
			if err != nil {
				continue
			}
			// Field 19 (1-based) of stat is the nice value; the command
			// name in parentheses may hold spaces, so count from its end.
			s := string(b)
			f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
			os.Stdout.WriteString("thread " + e.Name() + " nice " + f[16] + "\n")
		}
		wg.Wait()
		return
	}
	base, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLowerEveryThread$", "-test.v")
	cmd.Env = append(os.Environ(), "PRIORITY_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := min(base+7, MaxNice)
	if !strings.Contains(string(out), "nice="+strconv.Itoa(want)+"\n") {
		t.Fatalf("want nice=%d, child said:\n%s", want, out)
	}
	threads := 0
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(line, "thread ") {
			continue
		}
		threads++
		if f := strings.Fields(line); f[3] != strconv.Itoa(want) {
			t.Errorf("%s: want nice %d", line, want)
		}
	}
	if threads < 6 {
		t.Fatalf("want every thread of the Go runtime listed, got %d:\n%s", threads, out)
	}
}

func TestLowerRange(t *testing.T) {
	for _, n := range []int{-1, 20} {
		if _, err := Lower(n); err == nil {
			t.Errorf("Lower(%d): want a range error", n)
		}
	}
	if got, err := Lower(0); err != nil {
		t.Fatal(err)
	} else if cur, _ := Current(); got != cur {
		t.Errorf("Lower(0) = %d, want the current %d", got, cur)
	}
}
