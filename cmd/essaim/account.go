package main

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v2"

	"essaim/chain"
)

var privateKeyFileFlag = &cli.StringFlag{
	Name:     "private-key-file",
	Usage:    "file holding the private key to import, in hex (with or without 0x); it is not modified",
	EnvVars:  []string{"ESSAIM_PRIVATE_KEY_FILE"},
	Category: catAccount,
}

var keystoreFileFlag = &cli.StringFlag{
	Name:     "keystore-file",
	Usage:    "JSON keystore file (Web3 Secret Storage v3, as go-ethereum and most wallets write) to import; it is not modified",
	EnvVars:  []string{"ESSAIM_KEYSTORE_FILE"},
	Category: catAccount,
}

var keystorePasswordFileFlag = &cli.StringFlag{
	Name:     "keystore-password-file",
	Usage:    "read the password of --keystore-file from the first line of this file (default: prompt on a terminal)",
	EnvVars:  []string{"ESSAIM_KEYSTORE_PASSWORD_FILE"},
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
			Name:        "import",
			Usage:       "import a private key, or a JSON keystore file, from a file",
			Description: importDescription,
			Flags:       []cli.Flag{privateKeyFileFlag, keystoreFileFlag, keystorePasswordFileFlag},
			Action:      runAccountImport,
		},
		{
			Name:  "list",
			Usage: "list the accounts' addresses, the default one first",
			Description: "Prints the address of every usable key file, oldest first; the first is the account\n" +
				"commands use without --account. A malformed key file is not an account: it is\n" +
				"reported on stderr (\"warning: keystore file …: field: what is wrong\") and skipped.",
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
		return usageErrorf("account new takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
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

const importDescription = "--private-key-file FILE imports a raw private key (64 hex digits).\n\n" +
	"--keystore-file FILE imports a JSON keystore file (Web3 Secret Storage v3). The file is\n" +
	"checked field by field before any key derivation, and refused, naming the field, when it is\n" +
	"malformed or asks for too much work: cipher aes-128-ctr; kdf scrypt (n a power of two\n" +
	"up to 2^20, r and p up to 256, 128·n·r up to 256 MiB, n·r·p up to 2^22) or pbkdf2 with\n" +
	"hmac-sha256 (c up to 10,000,000); dklen 32; salt 16 to 64 bytes; a 16-byte IV, a\n" +
	"32-byte ciphertext and MAC. Its key is decrypted with the file's own password\n" +
	"(--keystore-password-file, or a prompt) and stored re-encrypted under the keystore's\n" +
	"password (--password-file, or a prompt) with the keystore's own scrypt parameters; the\n" +
	"file itself is neither copied nor modified. Ctrl-C stops the key derivation."

func runAccountImport(c *cli.Context) error {
	if c.NArg() != 0 {
		return usageErrorf("account import takes no arguments, got %s (give the key with --private-key-file or --keystore-file)", plural(c.NArg(), "argument", "arguments"))
	}
	file, jsonFile := c.String(privateKeyFileFlag.Name), c.String(keystoreFileFlag.Name)
	switch {
	case file != "" && jsonFile != "":
		return usageErrorf("account import takes --private-key-file or --keystore-file, not both")
	case jsonFile != "":
		return importKeystoreFile(c, jsonFile)
	case file == "":
		return usageErrorf("account import needs --private-key-file FILE or --keystore-file FILE")
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

// importKeystoreFile imports a JSON keystore file, checked before any
// password is asked for, re-encrypted under the keystore's password.
func importKeystoreFile(c *cli.Context, file string) error {
	kf, err := chain.ReadKeyFile(file)
	if err != nil {
		return fmt.Errorf("--keystore-file: %w", err)
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	filePW, err := readPasswordFlag(c, keystorePasswordFileFlag, fmt.Sprintf("Password of %s: ", file), false)
	if err != nil {
		return err
	}
	pw, err := readPassword(c, "Password to encrypt the key with in the keystore: ", true)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	addr, err := ks.ImportKeyFile(ctx, kf, filePW, pw)
	if errors.Is(err, chain.ErrBadPassword) {
		// Not chain.ErrBadPassword, whose hint names --password-file.
		return fmt.Errorf("--keystore-file %s: the password does not decrypt it (check --keystore-password-file)", file)
	}
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
		return usageErrorf("account list takes no arguments, got %s", plural(c.NArg(), "argument", "arguments"))
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	accs, err := ks.Accounts()
	if err != nil {
		return err
	}
	addrs := []string{}
	for _, a := range accs {
		if a.Err != nil {
			fmt.Fprintf(c.App.ErrWriter, "essaim: warning: %v (skipped: not an account until it is fixed or removed)\n", a.Err)
			continue
		}
		addrs = append(addrs, a.Address.Hex())
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
