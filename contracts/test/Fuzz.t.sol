// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";

/// @dev Property tests for the revenue accumulator (entitlements, dust) and expiry math.
contract FuzzTest is RegistryTest {
    /// @dev n splits with random positive bps summing to 10000, distinct payees 0x1000+i.
    function _randomSplits(uint256 n, uint256 seed) internal pure returns (IEssaimRegistry.Split[] memory s) {
        s = new IEssaimRegistry.Split[](n);
        uint256 left = 10_000;
        for (uint256 i = 0; i < n; ++i) {
            uint256 bps;
            if (i == n - 1) {
                bps = left;
            } else {
                uint256 maxHere = left - (n - 1 - i); // leave >= 1 bps for each later payee
                bps = 1 + uint256(keccak256(abi.encode(seed, i))) % maxHere;
            }
            left -= bps;
            s[i] = IEssaimRegistry.Split(address(uint160(0x1000 + i)), uint16(bps));
        }
    }

    /// @dev Pure dust bound: for any revenue R and n shares summing to 10000 bps,
    /// R - (n - 1) <= sum of floor(R * bps / 10000) <= R.
    function testFuzz_DustBound(uint256 revenue, uint256 n, uint256 seed) public pure {
        n = bound(n, 1, 16);
        revenue = bound(revenue, 0, type(uint128).max);
        IEssaimRegistry.Split[] memory s = _randomSplits(n, seed);
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            sum += revenue * s[i].bps / 10_000;
        }
        assertLe(sum, revenue);
        assertGe(sum + (n - 1), revenue);
    }

    /// @dev Several sales at any price (no minimum), each paid exactly: each payee is owed
    /// exactly floor(R * bps / 10000), the owed amounts are within n - 1 wei of R, and after
    /// everyone withdrew only the dust and nothing else stays.
    function testFuzz_EntitlementsWithinDust(uint256 n, uint256 seed, uint96 price, uint256 sales) public {
        n = bound(n, 1, 16);
        sales = bound(sales, 1, 5);
        IEssaimRegistry.Split[] memory s = _randomSplits(n, seed);
        price = uint96(bound(price, 0, 1000 ether));
        _register(creator, ROOT, false, s, _offers1(price, 0, 0, false));

        vm.deal(alice, uint256(price) * sales);
        for (uint256 k = 0; k < sales; ++k) {
            _buy(alice, ROOT, 0, price);
        }
        uint256 r = uint256(price) * sales;
        assertEq(reg.revenue(ROOT), r);
        assertEq(address(reg).balance, r, "the contract keeps exactly the prices");
        assertEq(alice.balance, 0);

        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            uint256 owed = reg.owed(ROOT, s[i].payee);
            assertEq(owed, r * s[i].bps / 10_000);
            sum += owed;
        }
        assertLe(sum, r);
        assertGe(sum + (n - 1), r, "dust <= n - 1 wei");

        for (uint256 i = 0; i < n; ++i) {
            if (reg.owed(ROOT, s[i].payee) != 0) _withdraw(s[i].payee, _roots1(ROOT));
        }
        assertEq(address(reg).balance, r - sum, "only the dust stays");
    }

    /// @dev Any value other than the exact price reverts with (price, value), whatever the
    /// maximum that lets it through, free offers included; the exact price always succeeds.
    function testFuzz_BuyRequiresExactPayment(uint96 price, uint256 value, uint256 maxPrice) public {
        price = uint96(bound(price, 0, 100 ether));
        value = bound(value, 0, 200 ether);
        maxPrice = bound(maxPrice, price, type(uint256).max);
        _registerDefault(price, 0, 0, false);
        vm.deal(alice, value + price);
        if (value != price) {
            vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, price, value));
            vm.prank(alice);
            reg.buy{value: value}(ROOT, 0, maxPrice);
            assertEq(address(reg).balance, 0);
            assertFalse(reg.hasValidLicense(ROOT, alice));
        }
        vm.prank(alice);
        reg.buy{value: price}(ROOT, 0, maxPrice);
        assertTrue(reg.hasValidLicense(ROOT, alice));
        assertEq(address(reg).balance, price);
        assertEq(reg.revenue(ROOT), price);
    }

    /// @dev Withdrawing between sales changes nothing to the total: a payee ends with
    /// floor(R * bps / 10000) whatever the moments it claimed at, even for shares below 1 wei
    /// per sale.
    function testFuzz_ClaimTimingDoesNotMatter(uint16 minBps, uint96 price, uint256 sales, uint256 pattern) public {
        minBps = uint16(bound(minBps, 1, 5000));
        price = uint96(bound(price, 1, 100_000));
        sales = bound(sales, 1, 12);
        _register(creator, ROOT, false, _splits2(alice, uint16(10_000 - minBps), bob, minBps), _noOffers());
        vm.prank(creator);
        reg.addOffer(ROOT, _terms(price, 0, 0, false));
        uint256 aliceStart = alice.balance;
        uint256 bobStart = bob.balance;
        for (uint256 k = 0; k < sales; ++k) {
            _buy(carol, ROOT, 0, price);
            if ((pattern >> k) & 1 == 1 && reg.owed(ROOT, bob) != 0) _withdraw(bob, _roots1(ROOT));
            if ((pattern >> (k + 16)) & 1 == 1 && reg.owed(ROOT, alice) != 0) _withdraw(alice, _roots1(ROOT));
        }
        if (reg.owed(ROOT, bob) != 0) _withdraw(bob, _roots1(ROOT));
        if (reg.owed(ROOT, alice) != 0) _withdraw(alice, _roots1(ROOT));
        uint256 r = uint256(price) * sales;
        assertEq(bob.balance - bobStart, r * minBps / 10_000);
        assertEq(alice.balance - aliceStart, r * (10_000 - minBps) / 10_000);
        assertLe(address(reg).balance, 1, "2 splits: at most 1 wei of dust");
    }

    function testFuzz_ExpiryExtendsFromLaterOfNowAndExpiry(uint64 duration, uint256 gap) public {
        duration = uint64(bound(duration, 1, 10 * 365 days));
        gap = bound(gap, 0, 20 * 365 days);
        _registerDefault(1 ether, duration, 0, false);
        _buy(alice, ROOT, 0, 1 ether);
        uint256 first = block.timestamp + duration;
        assertEq(reg.licenses(ROOT, alice).expiry, first);

        vm.warp(block.timestamp + gap);
        _buy(alice, ROOT, 0, 1 ether);
        uint256 start = block.timestamp < first ? first : block.timestamp;
        assertEq(reg.licenses(ROOT, alice).expiry, start + duration);
    }

    function testFuzz_ExpiryBoundary(uint64 duration, uint256 at) public {
        duration = uint64(bound(duration, 1, 100 * 365 days));
        _registerDefault(1 ether, duration, 0, false);
        _buy(alice, ROOT, 0, 1 ether);
        uint256 expiry = reg.licenses(ROOT, alice).expiry;
        at = bound(at, block.timestamp, expiry + 365 days);
        vm.warp(at);
        assertEq(reg.hasValidLicense(ROOT, alice), at < expiry);
    }

    function testFuzz_GrantNeverShortens(uint64 bought, uint64 granted) public {
        bought = uint64(bound(bought, 0, 10 * 365 days));
        granted = uint64(bound(granted, 0, 10 * 365 days));
        _registerDefault(1 ether, bought, 0, true);
        _buy(alice, ROOT, 0, 1 ether);
        uint64 before = reg.licenses(ROOT, alice).expiry;
        vm.prank(creator);
        reg.grant(ROOT, alice, granted);
        uint64 afterwards = reg.licenses(ROOT, alice).expiry;
        uint64 grantEnd = granted == 0 ? PERPETUAL : uint64(block.timestamp + granted);
        assertEq(afterwards, before > grantEnd ? before : grantEnd);
        assertEq(reg.licenses(ROOT, alice).transferable, afterwards == before);
    }

    function testFuzz_TransferKeepsLaterExpiry(uint64 d1, uint64 d2) public {
        d1 = uint64(bound(d1, 1, 10 * 365 days));
        d2 = uint64(bound(d2, 1, 10 * 365 days));
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](2);
        o[0] = _terms(1 ether, d1, 0, true);
        o[1] = _terms(1 ether, d2, 0, true);
        _register(creator, ROOT, false, _noSplits(), o);
        _buy(alice, ROOT, 0, 1 ether);
        _buy(bob, ROOT, 1, 1 ether);
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
        uint256 want = block.timestamp + (d1 > d2 ? d1 : d2);
        assertEq(reg.licenses(ROOT, bob).expiry, want);
        assertEq(reg.licenses(ROOT, alice).expiry, 0);
    }
}
