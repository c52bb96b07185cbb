package main

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v2"
)

var privateKeyFileFlag = &cli.StringFlag{
	Name:     "private-key-file",
	Usage:    "file holding the private key to import, in hex (with or without 0x); it is not modified",
	EnvVars:  []string{"ESSAIM_PRIVATE_KEY_FILE"},
	Category: catAccount,
}

var accountCommand = &cli.Command{
	Name:  "account",
	Usage: "manage the Ethereum accounts in the keystore",
	Description: "Accounts live in <home>/keystore as go-ethereum encrypted key files (folder 0700,\n" +
		"files 0600). Passwords come from --password-file or a prompt, never from the command line.",
	Subcommands: []*cli.Command{
		{
			Name:   "new",
			Usage:  "create an account with a fresh key",
			Action: runAccountNew,
		},
		{
			Name:   "import",
			Usage:  "import a private key from a file",
			Flags:  []cli.Flag{privateKeyFileFlag},
			Action: runAccountImport,
		},
		{
			Name:   "list",
			Usage:  "list the accounts' addresses, the default one first",
			Action: runAccountList,
		},
	},
}

type accountResult struct {
	Address  string `json:"address"`
	Keystore string `json:"keystore"`
}

func runAccountNew(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("account new takes no arguments, got %d", c.NArg())
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	pw, err := readPassword(c, "Password for the new account: ", true)
	if err != nil {
		return err
	}
	addr, err := ks.New(pw)
	if err != nil {
		return fmt.Errorf("create an account: %w", err)
	}
	return printAccount(c, addr, ks.Dir())
}

func runAccountImport(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("account import takes no arguments, got %d (give the key with --private-key-file)", c.NArg())
	}
	file := c.String(privateKeyFileFlag.Name)
	if file == "" {
		return usageErrorf("account import needs --private-key-file FILE")
	}
	key, err := readKeyFile(file)
	if err != nil {
		return err
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	pw, err := readPassword(c, "Password to encrypt the key with: ", true)
	if err != nil {
		return err
	}
	addr, err := ks.Import(key, pw)
	if err != nil {
		return err
	}
	return printAccount(c, addr, ks.Dir())
}

// errBadKey never carries any part of the key.
var errBadKey = errors.New("not a private key: want 64 hex digits, with or without 0x")

// readKeyFile reads a hex private key; errors never quote the file's content.
func readKeyFile(file string) (*ecdsa.PrivateKey, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--private-key-file: %w", err)
	}
	t := strings.TrimSpace(string(data))
	t = strings.TrimPrefix(strings.TrimPrefix(t, "0x"), "0X")
	b, err := hex.DecodeString(t)
	if err != nil || len(b) != 32 {
		return nil, fmt.Errorf("--private-key-file %s: %w", file, errBadKey)
	}
	key, err := crypto.ToECDSA(b)
	clear(b)
	if err != nil {
		return nil, fmt.Errorf("--private-key-file %s: %w", file, errBadKey)
	}
	return key, nil
}

func printAccount(c *cli.Context, addr common.Address, dir string) error {
	res := accountResult{Address: addr.Hex(), Keystore: dir}
	return output(c, res, func(p *printer) {
		p.field("address", res.Address)
		p.field("keystore", res.Keystore)
	})
}

func runAccountList(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("account list takes no arguments, got %d", c.NArg())
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	addrs := []string{}
	for _, a := range ks.List() {
		addrs = append(addrs, a.Hex())
	}
	return output(c, addrs, func(p *printer) {
		if len(addrs) == 0 {
			fmt.Fprintf(p.w, "no account in %s (create one with `essaim account new`)\n", ks.Dir())
		}
		for _, a := range addrs {
			fmt.Fprintln(p.w, a)
		}
	})
}
