// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";

/// @dev Property tests for split arithmetic, the minimum price rule and expiry math.
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

    function _minBps(IEssaimRegistry.Split[] memory s) internal pure returns (uint256 m) {
        m = 10_000;
        for (uint256 i = 0; i < s.length; ++i) {
            if (s[i].bps < m) m = s[i].bps;
        }
    }

    function testFuzz_SplitsCreditExactlyThePrice(uint256 n, uint256 seed, uint96 price, uint256 extra) public {
        n = bound(n, 1, 16);
        IEssaimRegistry.Split[] memory s = _randomSplits(n, seed);
        uint256 minPrice = (10_000 + _minBps(s) - 1) / _minBps(s);
        price = uint96(bound(price, minPrice, 1000 ether));
        extra = bound(extra, 0, 1 ether);
        _register(creator, ROOT, false, s, _offers1(price, 0, 0, false));

        vm.deal(alice, uint256(price) + extra);
        vm.prank(alice);
        reg.buy{value: uint256(price) + extra}(ROOT, 0, price);

        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            uint256 got = reg.credits(s[i].payee);
            uint256 floorShare = uint256(price) * s[i].bps / 10_000;
            assertGe(got, 1, "every payee gets at least 1 wei");
            if (i == 0) {
                assertGe(got, floorShare);
                assertLt(got - floorShare, n, "remainder < number of payees");
            } else {
                assertEq(got, floorShare);
            }
            sum += got;
        }
        assertEq(sum, price, "shares sum to the price");
        assertEq(reg.credits(alice), extra, "excess to buyer");
        assertEq(address(reg).balance, uint256(price) + extra);
    }

    function testFuzz_MinimumPriceRule(uint16 minBps, uint96 price) public {
        minBps = uint16(bound(minBps, 1, 5000));
        price = uint96(bound(price, 1, 100_000));
        IEssaimRegistry.Split[] memory s = _splits2(alice, uint16(10_000 - minBps), bob, minBps);
        _register(creator, ROOT, false, s, _noOffers());
        bool ok = uint256(price) * minBps / 10_000 >= 1;
        if (!ok) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IEssaimRegistry.EssaimRegistryPriceTooLow.selector, price, (10_000 + minBps - 1) / minBps
                )
            );
        }
        vm.prank(creator);
        reg.addOffer(ROOT, _terms(price, 0, 0, false));
        if (ok) {
            _buy(carol, ROOT, 0, price);
            assertGe(reg.credits(bob), 1);
            assertEq(reg.credits(alice) + reg.credits(bob), price);
        }
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
