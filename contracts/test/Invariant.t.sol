// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EssaimRegistry} from "../src/EssaimRegistry.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Stateful invariants over random call sequences driven by RegistryHandler.
contract InvariantTest is Test {
    EssaimRegistry internal reg;
    RegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        vm.roll(100);
        reg = new EssaimRegistry();
        handler = new RegistryHandler(reg);
        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = RegistryHandler.register.selector;
        selectors[1] = RegistryHandler.buy.selector;
        selectors[2] = RegistryHandler.addOffer.selector;
        selectors[3] = RegistryHandler.retireOffer.selector;
        selectors[4] = RegistryHandler.setOpen.selector;
        selectors[5] = RegistryHandler.grant.selector;
        selectors[6] = RegistryHandler.transferLicense.selector;
        selectors[7] = RegistryHandler.withdraw.selector;
        selectors[8] = RegistryHandler.warp.selector;
        selectors[9] = RegistryHandler.list.selector;
        selectors[10] = RegistryHandler.unlist.selector;
        selectors[11] = RegistryHandler.buyListing.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev The contract holds every unwithdrawn entitlement and every seller's unwithdrawn
    /// resale proceeds (there is no other balance: buyers pay exactly the price); the rest is
    /// exactly the rounding dust (computed from the ghost revenue), at most n - 1 wei per work.
    function invariant_BalanceIsOwedPlusDust() public view {
        uint256 owed = handler.sumOwed() + handler.sumProceeds();
        (uint256 dust, uint256 maxDust) = handler.dust();
        assertGe(address(reg).balance, owed);
        assertEq(address(reg).balance, owed + dust);
        assertLe(dust, maxDust);
    }

    /// @dev Money out never exceeds money in; what stays is the difference. Money in is exactly
    /// the sum of the revenues and of the resale proceeds credited (every sale and resale paid
    /// its price, nothing more).
    function invariant_WithdrawnAtMostPaid() public view {
        assertLe(handler.ghost_totalWithdrawn(), handler.ghost_totalPaid());
        assertEq(address(reg).balance, handler.ghost_totalPaid() - handler.ghost_totalWithdrawn());
        uint256 n = handler.registeredCount();
        uint256 revenues;
        for (uint256 i = 0; i < n; ++i) {
            revenues += reg.revenue(handler.registeredRoots(i));
        }
        assertEq(handler.ghost_totalPaid(), revenues + handler.ghost_totalProceeds());
    }

    /// @dev Every resale paid its royalty, to the wei: what the registry added to the works'
    /// revenue is the sum of floor(price * royaltyBps / 10000) over the resales, and the sellers
    /// got exactly the rest. Each seller's proceeds are what it was credited less what it claimed.
    function invariant_RoyaltyPaidOnEveryResale() public view {
        assertEq(handler.ghost_royaltyPaid(), handler.ghost_royaltyExpected());
        assertEq(handler.ghost_royaltyPaid() + handler.ghost_totalProceeds(), handler.ghost_resaleVolume());
        address[] memory all = handler.holders();
        for (uint256 i = 0; i < all.length; ++i) {
            address a = all[i];
            assertEq(reg.proceeds(a), handler.ghost_proceedsCredited(a) - handler.ghost_proceedsClaimed(a));
        }
    }

    /// @dev Each work's revenue is the sum of the prices of its sales, and its payees never
    /// claimed more than it.
    function invariant_RevenueIsSumOfPrices() public view {
        uint256 n = handler.registeredCount();
        uint256 total;
        for (uint256 i = 0; i < n; ++i) {
            bytes32 root = handler.registeredRoots(i);
            assertEq(reg.revenue(root), handler.ghost_revenue(root));
            total += reg.revenue(root);
        }
        assertLe(handler.sumClaimed(), total);
    }

    /// @dev A root's owner is the first registrant and never changes.
    function invariant_OneOwnerPerRoot() public view {
        uint256 n = handler.registeredCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 root = handler.registeredRoots(i);
            assertEq(reg.works(root).creator, handler.ghost_owner(root));
        }
        assertLe(n, 6, "at most one registration per root in the pool");
    }

    /// @dev After any sequence, every payee withdraws everything from every work: only the
    /// dust is left, at most n - 1 wei per work.
    function afterInvariant() public {
        handler.withdrawAll();
        assertEq(handler.sumOwed(), 0);
        assertEq(handler.sumProceeds(), 0);
        (uint256 dust, uint256 maxDust) = handler.dust();
        assertEq(address(reg).balance, dust);
        assertLe(dust, maxDust);
        assertEq(handler.ghost_totalPaid() - handler.ghost_totalWithdrawn(), dust);
    }
}
