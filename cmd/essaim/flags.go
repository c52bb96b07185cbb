package main

import (
	"github.com/urfave/cli/v2"

	"essaim/chain"
)

// Flag categories, as shown by --help.
const (
	catOutput  = "OUTPUT"
	catContent = "CONTENT"
	catAccount = "ACCOUNT"
	catChain   = "CHAIN"
	catLicense = "LICENSE"
	catHelp    = "HELP"
)

// helpFlag asks for help: of essaim, or of the command it comes with,
// before or after it. essaim prints its help itself (see writeHelp);
// urfave/cli's own help flag and command are switched off in newApp.
var helpFlag = &cli.BoolFlag{
	Name:     "help",
	Aliases:  []string{"h"},
	Usage:    "show help: of essaim, or of the command given with it",
	Category: catHelp,
}

var jsonFlag = &cli.BoolFlag{
	Name:     "json",
	Usage:    "print one JSON object instead of human-readable text",
	EnvVars:  []string{"ESSAIM_JSON"},
	Category: catOutput,
}

var homeFlag = &cli.StringFlag{
	Name:     "home",
	Usage:    "essaim's folder; the keystore is in its keystore/ folder (default: ~/.essaim)",
	EnvVars:  []string{"ESSAIM_HOME"},
	Category: catAccount,
}

var accountFlag = &cli.StringFlag{
	Name:     "account",
	Usage:    "address of the keystore account that signs (default: the first account)",
	EnvVars:  []string{"ESSAIM_ACCOUNT"},
	Category: catAccount,
}

var passwordFileFlag = &cli.StringFlag{
	Name:     "password-file",
	Usage:    "read the account's password from the first line of this file (default: prompt on a terminal)",
	EnvVars:  []string{"ESSAIM_PASSWORD_FILE"},
	Category: catAccount,
}

var lightKDFFlag = &cli.BoolFlag{
	Name:     "lightkdf",
	Usage:    "encrypt new keys with cheap scrypt parameters (throwaway accounts only: far easier to brute-force)",
	EnvVars:  []string{"ESSAIM_LIGHTKDF"},
	Category: catAccount,
}

var rpcFlag = &cli.StringFlag{
	Name:     "rpc",
	Usage:    "Ethereum JSON-RPC endpoint (http, https, ws, wss or an IPC path)",
	Value:    "http://127.0.0.1:8545",
	EnvVars:  []string{"ESSAIM_RPC"},
	Category: catChain,
}

var chainIDFlag = &cli.Uint64Flag{
	Name:     "chain-id",
	Usage:    "refuse an endpoint that serves another chain id (0: accept any)",
	EnvVars:  []string{"ESSAIM_CHAIN_ID"},
	Category: catChain,
}

var contractFlag = &cli.StringFlag{
	Name:     "contract",
	Usage:    "address of the EssaimRegistry contract",
	Value:    chain.RegistryAddress().Hex(),
	EnvVars:  []string{"ESSAIM_CONTRACT"},
	Category: catChain,
}

// globalFlags apply to every command; they may be given before or after
// the command name.
var globalFlags = []cli.Flag{
	jsonFlag,
	homeFlag, accountFlag, passwordFileFlag, lightKDFFlag,
	rpcFlag, chainIDFlag, contractFlag,
	cpuProfileFlag, traceFlag, memoryLimitFlag,
	helpFlag, versionFlag,
}

var chunkSizeFlag = &cli.StringFlag{
	Name:     "chunk-size",
	Usage:    "chunk size, a power of two from 16KiB to 16MiB (default: chosen from the work's size)",
	EnvVars:  []string{"ESSAIM_CHUNK_SIZE"},
	Category: catContent,
}

var durationFlag = &cli.StringFlag{
	Name:     "duration",
	Usage:    "license duration: 30d, 12h, 90m, 3600s, or 0 for perpetual",
	EnvVars:  []string{"ESSAIM_DURATION"},
	Category: catLicense,
}
