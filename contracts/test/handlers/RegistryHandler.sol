// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EssaimRegistry} from "../../src/EssaimRegistry.sol";
import {IEssaimRegistry} from "../../src/IEssaimRegistry.sol";
import {ReentrantPayee} from "../mocks/Payees.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Drives the registry with random but well-formed calls from a few actors and keeps
/// ghost_ totals for the invariants. One actor is a contract payee whose receive() tries to
/// re-enter withdraw (it also receives other actors' withdrawals now and then). Actors list their
/// transferable licenses and buy each other's listings; every resale's royalty is computed here
/// from the seller's record and checked against what the registry credited.
contract RegistryHandler is Test {
    EssaimRegistry public immutable reg;
    ReentrantPayee public immutable attacker;

    address[] internal _actors; // EOAs: creators, buyers, payees
    bytes32[] internal _rootPool; // a small pool so that roots collide
    bytes32[] public registeredRoots;

    mapping(bytes32 root => address) public ghost_owner;
    mapping(bytes32 root => uint256) public ghost_revenue;
    uint256 public ghost_totalPaid;
    uint256 public ghost_totalWithdrawn;
    uint256 public ghost_registrations;
    uint256 public ghost_rejectedReRegistrations;
    uint256 public ghost_purchases;
    uint256 public ghost_wrongPayments;
    uint256 public ghost_withdrawals;
    uint256 public ghost_emptyWithdrawals;
    // Resale: money in is split between royalties (into revenue) and the sellers' proceeds.
    mapping(address seller => uint256) public ghost_proceedsCredited;
    mapping(address seller => uint256) public ghost_proceedsClaimed;
    uint256 public ghost_totalProceeds; // credited ever, to every seller
    uint256 public ghost_resaleVolume; // sum of the prices of every resale
    uint256 public ghost_royaltyExpected; // sum of floor(price * royaltyBps / 10000), computed here
    uint256 public ghost_royaltyPaid; // sum of what the registry added to revenue on resales
    uint256 public ghost_resales;
    uint256 public ghost_staleListingRefused;
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

    /// @dev Every account that can ever be a payee (and so withdraw).
    function holders() public view returns (address[] memory all) {
        all = new address[](_actors.length + 1);
        for (uint256 i = 0; i < _actors.length; ++i) {
            all[i] = _actors[i];
        }
        all[_actors.length] = address(attacker);
    }

    /// @dev The payees of a work: its splits, or its creator when it has none.
    function payeesOf(bytes32 root) public view returns (address[] memory p) {
        IEssaimRegistry.Split[] memory s = reg.splitsOf(root);
        if (s.length == 0) {
            p = new address[](1);
            p[0] = reg.works(root).creator;
            return p;
        }
        p = new address[](s.length);
        for (uint256 i = 0; i < s.length; ++i) {
            p[i] = s[i].payee;
        }
    }

    /// @dev Unwithdrawn entitlements: owed over every registered work and each of its payees.
    function sumOwed() public view returns (uint256 sum) {
        for (uint256 r = 0; r < registeredRoots.length; ++r) {
            address[] memory p = payeesOf(registeredRoots[r]);
            for (uint256 i = 0; i < p.length; ++i) {
                sum += reg.owed(registeredRoots[r], p[i]);
            }
        }
    }

    /// @dev Unwithdrawn resale proceeds of every account that can sell.
    function sumProceeds() public view returns (uint256 sum) {
        address[] memory all = holders();
        for (uint256 i = 0; i < all.length; ++i) {
            sum += reg.proceeds(all[i]);
        }
    }

    /// @dev Sum over works of what the payees have claimed.
    function sumClaimed() public view returns (uint256 sum) {
        for (uint256 r = 0; r < registeredRoots.length; ++r) {
            address[] memory p = payeesOf(registeredRoots[r]);
            for (uint256 i = 0; i < p.length; ++i) {
                sum += reg.claimed(registeredRoots[r], p[i]);
            }
        }
    }

    /// @dev The rounding dust, computed independently of the contract from the ghost revenue and
    /// the splits: sum over works of R - sum of floor(R * bps / 10000). `bound_` is the sum over
    /// works of (number of splits - 1), the most it may be.
    function dust() public view returns (uint256 total, uint256 bound_) {
        for (uint256 r = 0; r < registeredRoots.length; ++r) {
            bytes32 root = registeredRoots[r];
            uint256 rev = ghost_revenue[root];
            IEssaimRegistry.Split[] memory s = reg.splitsOf(root);
            if (s.length == 0) continue;
            uint256 shares;
            for (uint256 i = 0; i < s.length; ++i) {
                shares += rev * s[i].bps / 10_000;
            }
            total += rev - shares;
            bound_ += s.length - 1;
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
        price = _price(price);
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](1);
        o[0] = IEssaimRegistry.OfferTerms(
            price, uint64(bound(duration, 0, 60 days)), uint32(bound(supply, 0, 5)), transferable, _royalty(splitSeed)
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

    /// @dev Pays exactly the price, except one call in four that sends a wrong value (above,
    /// or below when the price allows it), which must revert with WrongPayment and change nothing.
    function buy(uint256 actorSeed, uint256 rootSeed, uint256 offerSeed, uint256 delta) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        IEssaimRegistry.Work memory w = reg.works(root);
        if (w.offerCount == 0) return;
        uint32 id = uint32(offerSeed % w.offerCount);
        IEssaimRegistry.Offer memory o = reg.offers(root, id);
        address who = _actor(actorSeed);
        if (delta % 4 == 0) {
            _wrongPayment(who, root, id, o, delta);
            return;
        }
        uint256 value = o.price;
        vm.deal(who, who.balance + value);
        IEssaimRegistry.License memory held = reg.licenses(root, who);
        vm.prank(who);
        try reg.buy{value: value}(root, id, o.price) {
            ghost_totalPaid += value;
            ghost_revenue[root] += o.price;
            ++ghost_purchases;
            bool keep = block.timestamp < held.expiry && held.royaltyBps > o.royaltyBps;
            assertEq(reg.licenses(root, who).royaltyBps, keep ? held.royaltyBps : o.royaltyBps, "royalty merge");
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
        vm.prank(reg.works(root).creator);
        reg.addOffer(
            root,
            IEssaimRegistry.OfferTerms(
                _price(price),
                uint64(bound(duration, 0, 60 days)),
                uint32(bound(supply, 0, 5)),
                transferable,
                _royalty(uint256(keccak256(abi.encode(price, duration))))
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
        assertFalse(reg.listings(root, from).active, "a transfer ends the sender's listing");
    }

    /// @dev An actor lists its license at a random price: most calls look for a (work, actor)
    /// whose license may be sold, so that listings are common; the others take one at random,
    /// which the registry must refuse when it may not be sold.
    function list(uint256 actorSeed, uint256 rootSeed, uint96 price) external {
        if (registeredRoots.length == 0) return;
        (bytes32 root, address who) = _pair(actorSeed, rootSeed);
        if (actorSeed % 4 != 0) (root, who) = _findSellable(root, who, actorSeed, rootSeed);
        IEssaimRegistry.License memory l = reg.licenses(root, who);
        uint64 before = reg.listings(root, who).version;
        price = _price(price);
        vm.prank(who);
        try reg.list(root, price) returns (uint64 version) {
            assertTrue(block.timestamp < l.expiry && l.transferable, "listed a license it may not sell");
            assertEq(version, before + 1, "versions grow by one");
        } catch {
            assertFalse(block.timestamp < l.expiry && l.transferable, "refused a license it may sell");
        }
    }

    function unlist(uint256 actorSeed, uint256 rootSeed) external {
        if (registeredRoots.length == 0) return;
        bytes32 root = registeredRoots[rootSeed % registeredRoots.length];
        address who = _actor(actorSeed);
        if (!reg.listings(root, who).active) return;
        vm.prank(who);
        reg.unlist(root);
    }

    /// @dev Buys a random actor's listing at exactly its price. One call in four names a stale
    /// version instead, which must be refused with ListingChanged and change nothing.
    function buyListing(uint256 buyerSeed, uint256 rootSeed, uint256 sellerSeed, uint256 stale) external {
        if (registeredRoots.length == 0) return;
        (bytes32 root, address seller) = _findListing(sellerSeed, rootSeed);
        // Mostly another actor; one call in eight the seller itself, which must be refused.
        address buyer = _actor(buyerSeed);
        if (buyer == seller && buyerSeed % 8 != 0) buyer = _actor(buyerSeed % _actors.length + 1);
        IEssaimRegistry.Listing memory l = reg.listings(root, seller);
        if (!l.active) return;
        vm.deal(buyer, buyer.balance + l.price);
        if (stale % 4 == 0) {
            _staleListing(buyer, root, seller, l);
            return;
        }
        IEssaimRegistry.License memory sent = reg.licenses(root, seller);
        uint256 revenueBefore = reg.revenue(root);
        uint256 proceedsBefore = reg.proceeds(seller);
        vm.prank(buyer);
        try reg.buyListing{value: l.price}(root, seller, l.version, l.price) {
            uint256 royalty = uint256(l.price) * sent.royaltyBps / 10_000;
            uint256 paid = reg.revenue(root) - revenueBefore;
            assertEq(reg.proceeds(seller) - proceedsBefore, l.price - paid, "the seller gets the rest");
            assertEq(reg.licenses(root, seller).expiry, 0, "the seller's license moved");
            assertFalse(reg.listings(root, seller).active, "a sold listing ends");
            ghost_totalPaid += l.price;
            ghost_revenue[root] += paid;
            ghost_proceedsCredited[seller] += l.price - paid;
            ghost_totalProceeds += l.price - paid;
            ghost_resaleVolume += l.price;
            ghost_royaltyExpected += royalty;
            ghost_royaltyPaid += paid;
            ++ghost_resales;
        } catch {
            // An expired or no longer transferable license, the buyer itself, or a buyer holding a
            // valid non-transferable license.
            IEssaimRegistry.License memory held = reg.licenses(root, buyer);
            bool ok = buyer != seller && block.timestamp < sent.expiry && sent.transferable
                && !(block.timestamp < held.expiry && !held.transferable);
            assertFalse(ok, "unexpected buyListing revert");
        }
    }

    /// @dev A random holder withdraws from up to 4 random registered works (duplicates
    /// possible) to a random holder (the re-entering contract always to itself).
    function withdraw(uint256 actorSeed, uint256 rootsSeed, uint256 toSeed) external {
        address[] memory all = holders();
        address who = all[actorSeed % all.length];
        uint256 len = registeredRoots.length == 0 ? 0 : rootsSeed % 5;
        bytes32[] memory roots = new bytes32[](len);
        for (uint256 i = 0; i < len; ++i) {
            roots[i] = registeredRoots[uint256(keccak256(abi.encode(rootsSeed, i))) % registeredRoots.length];
        }
        address payable to = who == address(attacker) ? payable(who) : payable(all[toSeed % all.length]);
        uint256 expected = _expected(who, roots);
        if (expected == 0) {
            vm.prank(who);
            try reg.withdraw(roots, to) {
                assertTrue(false, "withdrew nothing without reverting");
            } catch (bytes memory err) {
                assertEq(bytes4(err), IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector);
            }
            ++ghost_emptyWithdrawals;
            return;
        }
        _withdraw(who, roots, to, expected);
        for (uint256 i = 0; i < len; ++i) {
            assertEq(reg.owed(roots[i], who), 0, "listed work still owes");
        }
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 20 days));
        vm.roll(block.number + 1);
    }

    /// @dev Used by afterInvariant: every holder withdraws everything, from every work.
    function withdrawAll() external {
        address[] memory all = holders();
        for (uint256 i = 0; i < all.length; ++i) {
            uint256 expected = _expected(all[i], registeredRoots);
            if (expected != 0) _withdraw(all[i], registeredRoots, payable(all[i]), expected);
        }
    }

    // ---------------------------------------------------------------- helpers

    function _pair(uint256 actorSeed, uint256 rootSeed) internal view returns (bytes32, address) {
        return (registeredRoots[rootSeed % registeredRoots.length], _actor(actorSeed));
    }

    /// @dev The first (work, actor), from the seeds on, whose license may be listed; (root, who)
    /// when there is none.
    function _findSellable(bytes32 root, address who, uint256 actorSeed, uint256 rootSeed)
        internal
        view
        returns (bytes32, address)
    {
        uint256 n = registeredRoots.length * _actors.length;
        for (uint256 i = 0; i < n; ++i) {
            (bytes32 r, address a) = _pair(actorSeed % 64 + i, rootSeed % 64 + i / _actors.length);
            IEssaimRegistry.License memory l = reg.licenses(r, a);
            if (block.timestamp < l.expiry && l.transferable) return (r, a);
        }
        return (root, who);
    }

    /// @dev The first (work, seller), from the seeds on, with an active listing, if any.
    function _findListing(uint256 sellerSeed, uint256 rootSeed) internal view returns (bytes32, address) {
        uint256 n = registeredRoots.length * _actors.length;
        for (uint256 i = 0; i < n; ++i) {
            (bytes32 r, address a) = _pair(sellerSeed % 64 + i, rootSeed % 64 + i / _actors.length);
            if (reg.listings(r, a).active) return (r, a);
        }
        return _pair(sellerSeed, rootSeed);
    }

    /// @dev A purchase naming another version than the listing's: refused, nothing changes.
    function _staleListing(address buyer, bytes32 root, address seller, IEssaimRegistry.Listing memory l) internal {
        uint64 wrong = l.version == 1 ? 2 : l.version - 1;
        uint256 balance = address(reg).balance;
        vm.prank(buyer);
        try reg.buyListing{value: l.price}(root, seller, wrong, l.price) {
            assertTrue(false, "bought a listing version that is not the current one");
        } catch (bytes memory err) {
            assertEq(
                err,
                abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryListingChanged.selector, root, seller, l.version)
            );
        }
        assertEq(address(reg).balance, balance, "a refused purchase kept ether");
        assertTrue(reg.listings(root, seller).active);
        ++ghost_staleListingRefused;
    }

    /// @dev A buy with msg.value != price: reverts with (price, value) before any effect.
    function _wrongPayment(address who, bytes32 root, uint32 id, IEssaimRegistry.Offer memory o, uint256 delta)
        internal
    {
        uint256 off = bound(delta / 4, 1, 1 ether);
        bool below = (delta / 4) % 2 == 1 && o.price >= off;
        uint256 value = below ? o.price - off : o.price + off;
        uint256 balance = address(reg).balance;
        uint32 sold = o.sold;
        vm.deal(who, who.balance + value);
        vm.prank(who);
        try reg.buy{value: value}(root, id, type(uint256).max) {
            assertTrue(false, "wrong payment accepted");
        } catch (bytes memory err) {
            // A retired offer fails first; otherwise it is the payment (checked before supply).
            if (!o.retired) {
                assertEq(
                    err, abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, o.price, value)
                );
            }
        }
        assertEq(address(reg).balance, balance, "wrong payment kept");
        assertEq(reg.offers(root, id).sold, sold);
        ++ghost_wrongPayments;
    }

    /// @dev What a withdrawal of the listed works pays `who`: its resale proceeds and what the
    /// distinct works owe it (a duplicate pays once).
    function _expected(address who, bytes32[] memory roots) internal view returns (uint256 sum) {
        sum = reg.proceeds(who);
        for (uint256 i = 0; i < roots.length; ++i) {
            bool seen;
            for (uint256 j = 0; j < i; ++j) {
                if (roots[j] == roots[i]) seen = true;
            }
            if (!seen) sum += reg.owed(roots[i], who);
        }
    }

    function _withdraw(address who, bytes32[] memory roots, address payable to, uint256 expected) internal {
        uint256 before = address(reg).balance;
        uint256 toBefore = to.balance;
        ghost_proceedsClaimed[who] += reg.proceeds(who);
        if (who == address(attacker)) {
            attacker.withdraw(roots);
        } else {
            vm.prank(who);
            reg.withdraw(roots, to);
        }
        assertEq(before - address(reg).balance, expected, "withdrew a different amount");
        assertEq(to.balance - toBefore, expected, "recipient got a different amount");
        ghost_totalWithdrawn += expected;
        ++ghost_withdrawals;
    }

    /// @dev Any price from 0 to 10 ether, a third of them tiny (< 100 wei) so that shares below
    /// 1 wei per sale and rounding dust occur.
    function _price(uint96 price) internal pure returns (uint96) {
        if (price % 3 == 0) return uint96(price % 100);
        return uint96(bound(price, 0, 10 ether));
    }

    /// @dev A royalty from 0 to 10000 bps, with both ends and 10% common.
    function _royalty(uint256 seed) internal pure returns (uint16) {
        uint256 kind = seed % 4;
        if (kind == 0) return 0;
        if (kind == 1) return 10_000;
        if (kind == 2) return 1000;
        return uint16(bound(seed / 4, 0, 10_000));
    }

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
