// libcni-convert writes what the reference libcni (Debian's golang-github-appc-cni-dev 1.1.2) makes
// of a result when a runtime asks for it in another spec version. Cni.Spec's conversion tests
// compare our converter with these files; eng/capture-conversions.sh builds and runs this program.
//
//	libcni-convert -in DIR -out DIR
//
// Every DIR/<sample>-<version>.json whose version libcni knows (pkg/version.All) is read with
// libcni's own decoder and converted to every version libcni knows, into
// OUT/<sample>-<version>-to-<target>.json exactly as libcni prints a result (no newline added),
// or, where libcni refuses the conversion, OUT/<sample>-<version>-to-<target>.error holding its
// error message. Inputs in a version libcni does not know (1.1.0) are listed on stderr and left
// out. Any other failure prints one line on stderr and exits 1.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/containernetworking/cni/pkg/types/create"
	"github.com/containernetworking/cni/pkg/version"
)

func main() {
	in := flag.String("in", "", "the folder of input results, <sample>-<version>.json")
	out := flag.String("out", "", "the folder to write the conversions into (created)")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: libcni-convert -in DIR -out DIR")
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintf(os.Stderr, "libcni-convert: %v\n", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	inputs, err := filepath.Glob(filepath.Join(in, "*.json"))
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("no *.json in %s", in)
	}
	sort.Strings(inputs)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	known := version.All.SupportedVersions()
	for _, input := range inputs {
		if err := convertFile(input, out, known); err != nil {
			return fmt.Errorf("%s: %w", input, err)
		}
	}
	return nil
}

func convertFile(input, out string, known []string) error {
	data, err := os.ReadFile(input)
	if err != nil {
		return err
	}
	from, err := create.DecodeVersion(data)
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(filepath.Base(input), ".json")
	sample := strings.TrimSuffix(name, "-"+from)
	if sample == name {
		return fmt.Errorf("the name does not end in its cniVersion %q", from)
	}
	if !contains(known, from) {
		fmt.Fprintf(os.Stderr, "left out %s: version %s is newer than libcni knows (%s)\n", input, from, version.Current())
		return nil
	}
	for _, to := range known {
		base := filepath.Join(out, fmt.Sprintf("%s-%s-to-%s", sample, from, to))
		// Parsed afresh for every target: a conversion may share slices with its source.
		result, err := create.Create(from, data)
		if err != nil {
			return err
		}
		converted, err := result.GetAsVersion(to)
		if err != nil {
			if err := os.WriteFile(base+".error", []byte(err.Error()), 0o644); err != nil {
				return err
			}
			continue
		}
		var printed bytes.Buffer
		if err := converted.PrintTo(&printed); err != nil {
			return err
		}
		if err := os.WriteFile(base+".json", printed.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}
