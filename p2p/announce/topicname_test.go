package announce

import (
	"math"
	"strings"
	"testing"
)

func TestParseTopicRoundTrip(t *testing.T) {
	for _, ns := range []Namespace{
		testNS,
		{ChainID: 0},
		{ChainID: 1, Contract: [20]byte{19: 1}},
		{ChainID: math.MaxUint64, Contract: [20]byte{0xff, 0xee}},
	} {
		for _, root := range [][32]byte{{}, workA, {31: 0xff}} {
			name := TopicName(ns, root)
			gotNS, gotRoot, ok := parseTopic(name)
			if !ok || gotNS != ns || gotRoot != root {
				t.Fatalf("parseTopic(%s) = %v %x %v", name, gotNS, gotRoot, ok)
			}
			if !topicMatcher(nil)(name) || !topicMatcher(&ns)(name) {
				t.Fatalf("matchers refuse %s", name)
			}
		}
	}
}

func TestParseTopicRejects(t *testing.T) {
	good := TopicName(testNS, workA)
	contract := "0x5fbd000000000000000000000000000000000000"
	root := "aa" + strings.Repeat("0", 62)
	for _, name := range []string{
		"",
		"/essaim/avail/1/",
		strings.Repeat("x", 1000),
		good + "/",
		good[:len(good)-1],
		strings.Replace(good, "/1/", "/2/", 1),
		strings.ToUpper(good),
		strings.Replace(good, "aa", "AA", 1),
		strings.Replace(good, "0x5fbd", "0X5fbd", 1),
		"/essaim/avail/1/031337/" + contract + "/" + root,
		"/essaim/avail/1/+31337/" + contract + "/" + root,
		"/essaim/avail/1/-1/" + contract + "/" + root,
		"/essaim/avail/1/18446744073709551616/" + contract + "/" + root,
		"/essaim/avail/1/31337/" + contract + "0/" + root[1:],
		"/essaim/avail/1/31337/" + contract + "/g" + root[1:],
		"/essaim/avail/1/31337/" + contract + "_" + root,
		"/essaim/avail/1/31337/" + contract[:41] + "/0" + root,
		"/essaim/avail/1/3133x/" + contract + "/" + root,
	} {
		if _, _, ok := parseTopic(name); ok {
			t.Errorf("parseTopic accepted %q", name)
		}
		if topicMatcher(&testNS)(name) {
			t.Errorf("namespace matcher accepted %q", name)
		}
	}
}

func TestTopicMatcherNamespace(t *testing.T) {
	own := topicMatcher(&testNS)
	for _, ns := range []Namespace{{ChainID: 1, Contract: testNS.Contract}, {ChainID: testNS.ChainID, Contract: [20]byte{1}}} {
		name := TopicName(ns, workA)
		if own(name) {
			t.Errorf("accepted the topic of another deployment: %s", name)
		}
		if !topicMatcher(nil)(name) {
			t.Errorf("refused a well-formed topic: %s", name)
		}
	}
}

// FuzzParseTopic checks that parseTopic accepts exactly the names
// TopicName writes, and that the matchers agree with it.
func FuzzParseTopic(f *testing.F) {
	f.Add(TopicName(testNS, workA))
	f.Add(TopicName(Namespace{ChainID: 1}, [32]byte{}))
	f.Add("/essaim/avail/1/01/0x" + strings.Repeat("0", 40) + "/" + strings.Repeat("0", 64))
	f.Add(strings.Repeat("x", 130))
	own := topicMatcher(&testNS)
	anyNS := topicMatcher(nil)
	f.Fuzz(func(t *testing.T, name string) {
		ns, root, ok := parseTopic(name)
		if ok && TopicName(ns, root) != name {
			t.Fatalf("%q parsed as %v %x, which is written %q", name, ns, root, TopicName(ns, root))
		}
		if anyNS(name) != ok {
			t.Fatalf("matcher without namespace says %v for %q, parse %v", anyNS(name), name, ok)
		}
		if own(name) != (ok && ns == testNS) {
			t.Fatalf("namespace matcher says %v for %q", own(name), name)
		}
	})
}

// A node joins only topics of the deployment its gossip was built for.
func TestJoinOtherDeploymentRefused(t *testing.T) {
	a := newNode(t)
	other := Namespace{ChainID: 1, Contract: testNS.Contract}
	if _, err := New(a.ps, a.h, other, testKnown).Join(workA); err == nil {
		t.Fatal("joined a topic of another deployment")
	}
	if _, err := a.ps.Join(strings.Repeat("x", 1000)); err == nil {
		t.Fatal("joined a topic that is no availability topic")
	}
}
