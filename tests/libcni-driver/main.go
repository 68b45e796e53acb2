// libcni-driver runs CNI plugins the way a container runtime does, through the reference libcni
// (Debian's golang-github-appc-cni-dev). The end-to-end tests of the sample plugins use it to
// prove that a runtime built on libcni cannot tell our plugins from the Go ones.
//
//	libcni-driver add|check|del|validate -config FILE [-netns PATH -id ID -ifname NAME]
//	              [-cache DIR] [-args 'K=V;K=V'] [-capabilities JSON]
//
// libcni 1.1.2 knows no GC or STATUS (spec 1.1.0); the tests execute plugins directly for those.
// Plugins are found on CNI_PATH. add prints the result in the list's cniVersion. Any failure
// prints {"msg": ..., "code": ..., "details": ...} on stdout (code and details when the plugin
// returned a spec error) and exits 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/containernetworking/cni/libcni"
	"github.com/containernetworking/cni/pkg/types"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: libcni-driver add|check|del|validate -config FILE [-netns PATH -id ID -ifname NAME] [-cache DIR] [-args K=V;...] [-capabilities JSON]")
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
	out := map[string]interface{}{"msg": err.Error()}
	var specError *types.Error
	if errors.As(err, &specError) {
		out["code"] = specError.Code
		out["details"] = specError.Details
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
	os.Exit(1)
}
