// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EssaimRegistry} from "../src/EssaimRegistry.sol";
import {Script, console2} from "forge-std/Script.sol";

/// @notice Deploys EssaimRegistry (no constructor arguments).
/// @dev scripts/forge.sh script contracts/script/Deploy.s.sol --rpc-url URL --broadcast --private-key KEY
/// With ESSAIM_CREATE2=true it deploys through the deterministic CREATE2 factory (present on
/// Anvil) with salt ESSAIM_SALT (default zero), so the address depends only on the bytecode.
contract Deploy is Script {
    function run() external returns (EssaimRegistry registry) {
        bool create2 = vm.envOr("ESSAIM_CREATE2", false);
        bytes32 salt = vm.envOr("ESSAIM_SALT", bytes32(0));
        vm.startBroadcast();
        registry = create2 ? new EssaimRegistry{salt: salt}() : new EssaimRegistry();
        vm.stopBroadcast();
        console2.log("EssaimRegistry deployed at", address(registry));
    }
}
