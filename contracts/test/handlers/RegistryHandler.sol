// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EssaimRegistry} from "../../src/EssaimRegistry.sol";
import {IEssaimRegistry} from "../../src/IEssaimRegistry.sol";
import {ReentrantPayee} from "../mocks/Payees.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Drives the registry with random but well-formed calls from a few actors and keeps
/// ghost_ totals for the invariants. One actor is a contract payee whose receive() tries to
/// re-enter withdraw.
contract RegistryHandler is Test {
    EssaimRegistry public immutable reg;
    ReentrantPayee public immutable attacker;

    address[] internal _actors; // EOAs: creators, buyers, payees
    bytes32[] internal _rootPool; // a small pool so that roots collide
    bytes32[] public registeredRoots;

    mapping(bytes32 root => address) public ghost_owner;
    uint256 public ghost_totalPaid;
    uint256 public ghost_totalWithdrawn;
    uint256 public ghost_registrations;
    uint256 public ghost_rejectedReRegistrations;
    uint256 public ghost_purchases;
    uint256 internal _nonce;

    constructor(EssaimRegistry reg_) {
        reg = reg_;
        attacker = new ReentrantPayee(reg_);
        attacker.arm(ReentrantPayee.Mode.Withdraw, false, bytes32(0), 0, 0);
        for (uint256 i = 0; i < 4; ++i) {
            _actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
        for (uint256 i = 1; i <= 6; ++i) {
            _rootPool.push(keccak256(abi.encode("root", i)));
        }
    }

    // ------------------------------------------------------------------ views

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function registeredCount() external view returns (uint256) {
        return registeredRoots.length;
    }

    /// @dev Every account that can ever hold credits.
    function creditHolders() public view returns (address[] memory all) {
        all = new address[](_actors.length + 1);
        for (uint256 i = 0; i < _actors.length; ++i) {
            all[i] = _actors[i];
        }
        all[_actors.length] = address(attacker);
    }

    function sumCredits() public view returns (uint256 sum) {
        address[] memory all = creditHolders();
        for (uint256 i = 0; i < all.length; ++i) {
            sum += reg.credits(all[i]);
        }
    }

    // ---------------------------------------------------------------- actions

    function register(
        uint256 actorSeed,
        uint256 rootSeed,
        uint256 splitSeed,
        uint96 price,
        uint64 duration,
        uint32 supply,
        bool transferable
    ) external {
        address who = _actor(actorSeed);
        bytes32 root = _rootPool[rootSeed % _rootPool.length];
        bytes32 salt = keccak256(abi.encode(++_nonce));
        vm.prank(who);
        reg.commit(reg.computeCommitment(root, who, salt));
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12);

        IEssaimRegistry.Split[] memory s = _splits(who, splitSeed);
        uint256 minBps = s.length == 0 ? 10_000 : 1000; // _splits uses >= 1000 bps per payee
        price = uint96(bound(price, 0, 10 ether));
        if (price != 0 && uint256(price) * minBps < 10_000) price = uint96(10_000 / minBps);
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](1);
        o[0] = IEssaimRegistry.OfferTerms(
            price, uint64(bound(duration, 0, 60 days)), uint32(bound(supply, 0, 5)), transferable
        );

        address owner = reg.works(root).creator;
        vm.prank(who);
        try reg.register(root, salt, "t", new string[](0), 0, false, s, o) {
            assertEq(owner, address(0), "registered a taken root");
            ghost_owner[root] = who;
            registeredRoots.push(root);
            ++ghost_registrations;
        } catch {
            assertTrue(owner != address(0), "fresh root refused");
            ++ghost_rejectedReRegistrations;
        }
    }

    function buy(uint256 actorSeed, uint256 rootSeed, uint256 offerSeed, uint256 extra) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        IEssaimRegistry.Work memory w = reg.works(root);
        if (w.offerCount == 0) return;
        uint32 id = uint32(offerSeed % w.offerCount);
        IEssaimRegistry.Offer memory o = reg.offers(root, id);
        address who = _actor(actorSeed);
        uint256 value = uint256(o.price) + bound(extra, 0, 1 ether);
        vm.deal(who, who.balance + value);
        vm.prank(who);
        try reg.buy{value: value}(root, id, o.price) {
            ghost_totalPaid += value;
            ++ghost_purchases;
        } catch {
            // Retired, sold out, or a transferable offer on a valid non-transferable license.
            IEssaimRegistry.License memory l = reg.licenses(root, who);
            bool escalation = block.timestamp < l.expiry && !l.transferable && o.transferable;
            assertTrue(o.retired || (o.supply != 0 && o.sold >= o.supply) || escalation, "unexpected buy revert");
        }
    }

    function addOffer(uint256 rootSeed, uint96 price, uint64 duration, uint32 supply, bool transferable) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        uint96 p = uint96(bound(price, 0, 10 ether));
        if (p != 0 && p < 10) p = 10; // at least 1 wei for a 1000 bps payee
        vm.prank(reg.works(root).creator);
        reg.addOffer(
            root,
            IEssaimRegistry.OfferTerms(
                p, uint64(bound(duration, 0, 60 days)), uint32(bound(supply, 0, 5)), transferable
            )
        );
    }

    function retireOffer(uint256 rootSeed, uint256 offerSeed) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        IEssaimRegistry.Work memory w = reg.works(root);
        uint32 id = uint32(offerSeed % w.offerCount);
        if (reg.offers(root, id).retired) return;
        vm.prank(w.creator);
        reg.retireOffer(root, id);
    }

    function setOpen(uint256 rootSeed, bool open) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        vm.prank(reg.works(root).creator);
        reg.setOpen(root, open);
    }

    function grant(uint256 rootSeed, uint256 toSeed, uint64 duration) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        address to = _actor(toSeed);
        uint64 before = reg.licenses(root, to).expiry;
        vm.prank(reg.works(root).creator);
        reg.grant(root, to, uint64(bound(duration, 0, 60 days)));
        assertGe(reg.licenses(root, to).expiry, before, "grant shortened a license");
    }

    function transferLicense(uint256 rootSeed, uint256 fromSeed, uint256 toSeed) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        IEssaimRegistry.License memory sent = reg.licenses(root, from);
        IEssaimRegistry.License memory held = reg.licenses(root, to);
        bool ok = from != to && block.timestamp < sent.expiry && sent.transferable
            && !(block.timestamp < held.expiry && !held.transferable);
        if (!ok) return;
        vm.prank(from);
        reg.transferLicense(root, to);
        uint64 want = held.expiry > sent.expiry ? held.expiry : sent.expiry;
        assertEq(reg.licenses(root, to).expiry, want);
        assertEq(reg.licenses(root, from).expiry, 0);
    }

    function withdraw(uint256 actorSeed) external {
        address[] memory all = creditHolders();
        address who = all[actorSeed % all.length];
        uint256 amount = reg.credits(who);
        if (amount == 0) return;
        uint256 before = address(reg).balance;
        if (who == address(attacker)) {
            attacker.withdraw();
        } else {
            vm.prank(who);
            reg.withdraw();
        }
        assertEq(before - address(reg).balance, amount, "withdrew a different amount");
        ghost_totalWithdrawn += amount;
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 20 days));
        vm.roll(block.number + 1);
    }

    /// @dev Used by afterInvariant: every credit holder withdraws everything.
    function withdrawAll() external {
        address[] memory all = creditHolders();
        for (uint256 i = 0; i < all.length; ++i) {
            uint256 amount = reg.credits(all[i]);
            if (amount == 0) continue;
            if (all[i] == address(attacker)) {
                attacker.withdraw();
            } else {
                vm.prank(all[i]);
                reg.withdraw();
            }
            ghost_totalWithdrawn += amount;
        }
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev 0: no splits; 1: creator 60% and another actor 40%; 2: three payees including the
    /// re-entering contract. Every share is >= 1000 bps.
    function _splits(address who, uint256 seed) internal view returns (IEssaimRegistry.Split[] memory s) {
        uint256 kind = seed % 3;
        if (kind == 0) return s;
        address other = _actor(seed / 3);
        if (other == who) other = _actor(seed / 3 + 1);
        if (kind == 1) {
            s = new IEssaimRegistry.Split[](2);
            s[0] = IEssaimRegistry.Split(who, 6000);
            s[1] = IEssaimRegistry.Split(other, 4000);
        } else {
            s = new IEssaimRegistry.Split[](3);
            s[0] = IEssaimRegistry.Split(other, 3333);
            s[1] = IEssaimRegistry.Split(address(attacker), 1000);
            s[2] = IEssaimRegistry.Split(who, 5667);
        }
    }
}
