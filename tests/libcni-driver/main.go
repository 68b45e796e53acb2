// libcni-driver runs CNI plugins the way a container runtime does, through the reference libcni
// (Debian's golang-github-appc-cni-dev). The end-to-end tests of the sample plugins use it to
// prove that a runtime built on libcni cannot tell our plugins from the Go ones.
//
//	libcni-driver add|check|del|validate -config FILE [-netns PATH -id ID -ifname NAME]
//	              [-cache DIR] [-args 'K=V;K=V'] [-capabilities JSON]
//
//	libcni-driver add|del -many -config FILE [-ifname NAME] [-cache DIR]
//
// libcni 1.1.2 knows no GC or STATUS (spec 1.1.0); the tests execute plugins directly for those.
// Plugins are found on CNI_PATH. add prints the result in the list's cniVersion. Any failure
// prints {"msg": ..., "code": ..., "details": ...} on stdout (code and details when the plugin
// returned a spec error) and exits 1.
//
// -many is a pod-start storm as a runtime runs one (eng/pluginbench.sh --storm): stdin holds
// "NETNS ID" lines, the verb runs for all of them at once, one goroutine each, over one loaded
// configuration, and stdout gets {"wallMs": ..., "containers": [{"id", "result" | "error"}, ...]}
// in input order; wallMs is from the start of the first call to the end of the last. Exits 1 if
// any call failed.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/containernetworking/cni/libcni"
	"github.com/containernetworking/cni/pkg/types"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: libcni-driver add|check|del|validate -config FILE [-netns PATH -id ID -ifname NAME] [-cache DIR] [-args K=V;...] [-capabilities JSON]")
		fmt.Fprintln(os.Stderr, "       libcni-driver add|del -many -config FILE [-ifname NAME] [-cache DIR] < 'NETNS ID' lines")
		os.Exit(2)
	}
	verb := os.Args[1]
	flags := flag.NewFlagSet(verb, flag.ExitOnError)
	configPath := flags.String("config", "", "a .conf, .json or .conflist file")
	netns := flags.String("netns", "", "the container's network namespace path")
	containerID := flags.String("id", "", "the container ID")
	ifName := flags.String("ifname", "eth0", "the interface name inside the container")
	cacheDir := flags.String("cache", "", "libcni's cache directory (default: libcni's)")
	cniArgs := flags.String("args", "", "CNI_ARGS as K=V;K=V")
	capabilities := flags.String("capabilities", "", "capability arguments as a JSON object")
	many := flags.Bool("many", false, "run add or del at once for every 'NETNS ID' line on stdin")
	_ = flags.Parse(os.Args[2:])

	list, err := loadList(*configPath)
	if err != nil {
		fail(err)
	}
	runtime := &libcni.RuntimeConf{ContainerID: *containerID, NetNS: *netns, IfName: *ifName, CacheDir: *cacheDir}
	for _, pair := range strings.Split(*cniArgs, ";") {
		if key, value, found := strings.Cut(pair, "="); found {
			runtime.Args = append(runtime.Args, [2]string{key, value})
		}
	}
	if *capabilities != "" {
		if err := json.Unmarshal([]byte(*capabilities), &runtime.CapabilityArgs); err != nil {
			fail(fmt.Errorf("-capabilities: %w", err))
		}
	}

	cni := libcni.NewCNIConfigWithCacheDir(filepath.SplitList(os.Getenv("CNI_PATH")), *cacheDir, nil)
	ctx := context.Background()
	if *many {
		storm(ctx, cni, list, verb, runtime)
		return
	}
	switch verb {
	case "add":
		result, err := cni.AddNetworkList(ctx, list, runtime)
		if err != nil {
			fail(err)
		}
		if err := result.Print(); err != nil {
			fail(err)
		}
	case "check":
		err = cni.CheckNetworkList(ctx, list, runtime)
	case "del":
		err = cni.DelNetworkList(ctx, list, runtime)
	case "validate":
		var caps []string
		caps, err = cni.ValidateNetworkList(ctx, list)
		if err == nil {
			_ = json.NewEncoder(os.Stdout).Encode(caps)
		}
	default:
		fail(fmt.Errorf("unknown verb %q", verb))
	}
	if err != nil {
		fail(err)
	}
}

// loadList reads a list, or a single network configuration lifted into a list as runtimes do.
func loadList(path string) (*libcni.NetworkConfigList, error) {
	if strings.HasSuffix(path, ".conflist") {
		return libcni.ConfListFromFile(path)
	}
	single, err := libcni.ConfFromFile(path)
	if err != nil {
		return nil, err
	}
	return libcni.ConfListFromConf(single)
}

func fail(err error) {
	_, _ = os.Stdout.Write(append(errorJSON(err), '\n'))
	os.Exit(1)
}

// errorJSON is {"msg": ..., "code": ..., "details": ...}, code and details when err is a spec error.
func errorJSON(err error) json.RawMessage {
	out := map[string]interface{}{"msg": err.Error()}
	var specError *types.Error
	if errors.As(err, &specError) {
		out["code"] = specError.Code
		out["details"] = specError.Details
	}
	encoded, _ := json.Marshal(out)
	return encoded
}

// stormEntry is one container of a -many run: its result after add, or its error.
type stormEntry struct {
	ID     string          `json:"id"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  json.RawMessage `json:"error,omitempty"`
}

// storm runs verb for every "NETNS ID" line of stdin at once, each with template's other settings.
func storm(ctx context.Context, cni *libcni.CNIConfig, list *libcni.NetworkConfigList, verb string, template *libcni.RuntimeConf) {
	if verb != "add" && verb != "del" {
		fail(fmt.Errorf("-many takes add or del, not %q", verb))
	}
	var entries []stormEntry
	var runtimes []libcni.RuntimeConf
	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 {
			fail(fmt.Errorf("-many: want 'NETNS ID' lines, got %q", lines.Text()))
		}
		runtime := *template
		runtime.NetNS, runtime.ContainerID = fields[0], fields[1]
		runtimes = append(runtimes, runtime)
		entries = append(entries, stormEntry{ID: fields[1]})
	}
	if err := lines.Err(); err != nil {
		fail(err)
	}

	var done sync.WaitGroup
	start := time.Now()
	for i := range runtimes {
		done.Add(1)
		go func(i int) {
			defer done.Done()
			var out bytes.Buffer
			var err error
			if verb == "add" {
				var result types.Result
				if result, err = cni.AddNetworkList(ctx, list, &runtimes[i]); err == nil {
					err = result.PrintTo(&out)
				}
			} else {
				err = cni.DelNetworkList(ctx, list, &runtimes[i])
			}
			if err != nil {
				entries[i].Error = errorJSON(err)
			} else if out.Len() > 0 {
				entries[i].Result = out.Bytes()
			}
		}(i)
	}
	done.Wait()
	wall := time.Since(start)

	report := map[string]interface{}{"wallMs": float64(wall.Microseconds()) / 1000, "containers": entries}
	_ = json.NewEncoder(os.Stdout).Encode(report)
	for _, entry := range entries {
		if entry.Error != nil {
			os.Exit(1)
		}
	}
}
