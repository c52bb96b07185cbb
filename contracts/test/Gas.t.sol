// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";
import {console2} from "forge-std/Test.sol";

/// @dev Gas budgets for the typical calls. Every measured call starts with cold storage
/// (vm.cool), as the first call of a transaction would. Under `--isolate` each call is its own
/// transaction and the figures are a transaction's gasUsed (intrinsic 21000 and calldata
/// included, equal to Anvil's receipts); without it they are execution gas only, which is
/// lower, so the budgets hold in both modes. The table in docs/CONTRACTS-GAS.md comes from
/// `scripts/forge.sh test --match-contract GasTest --isolate --gas-report -vv`.
contract GasTest is RegistryTest {
    uint256 internal constant REGISTER_BUDGET = 150_000; // commit + register
    uint256 internal constant BUY_BUDGET = 100_000; // buy, 2 splits, payees already credited
    /// @dev The sale that creates both payees' credit slots pays 2 x 20000 for zero -> non-zero
    /// writes on top of the license's own; no layout with per-payee balances avoids it.
    uint256 internal constant FIRST_CREDIT_BUY_BUDGET = 115_000;

    function _used() internal view returns (uint256) {
        return vm.lastCallGas().gasTotalUsed;
    }

    function _registerShort(IEssaimRegistry.Split[] memory s) internal returns (uint256 commitGas, uint256 regGas) {
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);
        vm.cool(address(reg));
        vm.prank(creator);
        reg.commit(c);
        commitGas = _used();
        _nextBlock(12);
        vm.cool(address(reg));
        vm.prank(creator);
        reg.register(ROOT, SALT, "My album", _tags(), keccak256("meta"), false, s, _offers1(0.01 ether, 0, 0, true));
        regGas = _used();
    }

    function test_Gas_CommitAndRegisterWithinBudget() public {
        (uint256 commitGas, uint256 regGas) = _registerShort(_noSplits());
        console2.log("commit", commitGas);
        console2.log("register (short title, 2 tags, 1 offer, no splits)", regGas);
        console2.log("commit + register", commitGas + regGas);
        assertLe(commitGas + regGas, REGISTER_BUDGET);
    }

    function test_Gas_BuyTwoSplitsWithinBudget() public {
        _registerShort(_splits2(creator, 7000, carol, 3000));
        vm.cool(address(reg));
        _buy(alice, ROOT, 0, 0.01 ether);
        uint256 first = _used();
        vm.cool(address(reg));
        _buy(bob, ROOT, 0, 0.01 ether);
        uint256 later = _used();
        console2.log("buy, 2 splits, payees' first credit", first);
        console2.log("buy, 2 splits, payees already credited", later);
        assertLe(first, FIRST_CREDIT_BUY_BUDGET);
        assertLe(later, BUY_BUDGET);
    }

    function test_Gas_OtherCalls() public {
        _registerShort(_noSplits());
        _buy(alice, ROOT, 0, 0.01 ether);

        vm.cool(address(reg));
        vm.prank(creator);
        reg.grant(ROOT, bob, 30 days);
        console2.log("grant", _used());

        vm.cool(address(reg));
        vm.prank(alice);
        reg.transferLicense(ROOT, carol);
        console2.log("transferLicense", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.addOffer(ROOT, _terms(1 ether, 30 days, 100, false));
        console2.log("addOffer", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.retireOffer(ROOT, 1);
        console2.log("retireOffer", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.setOpen(ROOT, true);
        console2.log("setOpen", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.withdraw();
        console2.log("withdraw", _used());
    }
}
