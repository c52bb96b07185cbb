// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "./IEssaimRegistry.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title EssaimRegistry
/// @notice Registers works by content root (commit then reveal), sells and grants licenses as
/// records, lets holders resell transferable licenses with a royalty to the work's payees, and
/// accumulates what is owed for the payees and sellers to withdraw (pull payments).
/// @dev No constructor arguments and no owner: the bytecode, and so a CREATE2 address, is the
/// same for every deployment. Every loop runs over calldata or over a work's splits (capped at
/// 16 and fixed at registration).
///
/// Payment accounting: {buy} takes exactly the offer's price (no change, no buyer balance) and
/// only adds it to the work's cumulative revenue R (one storage write, no per-payee write). A
/// payee's entitlement from a work is floor(R * bps / 10000) for its split (the creator has
/// 10000 bps when there are no splits); {withdraw} pays the difference with what the payee
/// already claimed from that work. Floors are monotonic in R, so nothing is ever paid twice and
/// claims never exceed R. Rounding dust: the entitlements of a work with n splits sum to at least
/// R - (n - 1), so at most n - 1 wei per work (in total, not per sale) can never be withdrawn and
/// stays in the contract. The balance is therefore the sum of what is owed plus that dust.
///
/// Resale: a holder lists its valid, transferable license at a price; a buyer pays exactly that
/// price, naming the listing's version (a listing changed while the purchase was pending is never
/// bought). The license's royalty share of the price is added to the work's revenue R, so its
/// payees withdraw it as they withdraw sales; the rest is credited to the seller's proceeds,
/// withdrawn with {withdraw}. Neither makes an external call at sale time.
contract EssaimRegistry is IEssaimRegistry, ReentrancyGuardTransient {
    /// @notice How long a commitment can be revealed, in seconds.
    uint256 public constant MAX_COMMIT_AGE = 1 days;
    /// @notice Longest title, in bytes.
    uint256 public constant MAX_TITLE_BYTES = 256;
    /// @notice Most tags per work.
    uint256 public constant MAX_TAGS = 16;
    /// @notice Longest tag, in bytes.
    uint256 public constant MAX_TAG_BYTES = 64;
    /// @notice Most splits per work.
    uint256 public constant MAX_SPLITS = 16;
    /// @notice Most offers in one {register} call (more can be added with {addOffer}).
    uint256 public constant MAX_OFFERS_PER_CALL = 16;
    /// @notice Basis points in 100%.
    uint256 public constant TOTAL_BPS = 10_000;
    /// @notice Expiry of a perpetual license.
    uint64 public constant PERPETUAL = type(uint64).max;

    mapping(bytes32 commitment => Commitment) private _commitments;
    mapping(bytes32 root => Work) private _works;
    mapping(bytes32 root => Split[]) private _splits;
    mapping(bytes32 root => mapping(uint32 offerId => Offer)) private _offers;
    mapping(bytes32 root => mapping(address account => License)) private _licenses;
    mapping(bytes32 root => uint256) private _revenue;
    mapping(bytes32 root => mapping(address payee => uint256)) private _claimed;
    mapping(bytes32 root => mapping(address seller => Listing)) private _listings;
    mapping(address seller => uint256) private _proceeds;

    // ------------------------------------------------------------ registration

    /// @inheritdoc IEssaimRegistry
    function commit(bytes32 commitment) external {
        Commitment memory c = _commitments[commitment];
        // A pending commitment cannot be refreshed: otherwise anyone could copy it into the
        // block of its reveal and make the reveal "too early".
        if (c.blockNumber != 0 && block.timestamp <= c.timestamp + MAX_COMMIT_AGE) {
            revert EssaimRegistryCommitmentExists(commitment);
        }
        _commitments[commitment] = Commitment(uint64(block.number), uint64(block.timestamp));
        emit Committed(commitment, msg.sender);
    }

    /// @inheritdoc IEssaimRegistry
    /// @dev title and tags are copied to memory (the ABI is unchanged): with all eight
    /// parameters in calldata the ABI decoder runs out of stack when the optimizer is off, as
    /// `forge coverage` requires.
    function register(
        bytes32 root,
        bytes32 salt,
        string memory title,
        string[] memory tags,
        bytes32 metadataHash,
        bool open,
        Split[] calldata splits,
        OfferTerms[] calldata offerTerms
    ) external {
        _checkRegistration(root, salt, title, tags, splits, offerTerms.length);
        _storeWork(root, open, offerTerms.length, splits);
        emit WorkRegistered(root, msg.sender, title, tags, metadataHash, open, splits);

        for (uint256 i = 0; i < offerTerms.length; ++i) {
            // casting to 'uint32' is safe because i < offerTerms.length <= MAX_OFFERS_PER_CALL
            // forge-lint: disable-next-line(unsafe-typecast)
            _storeOffer(root, uint32(i), offerTerms[i]);
        }
    }

    /// @inheritdoc IEssaimRegistry
    function addOffer(bytes32 root, OfferTerms calldata terms) external returns (uint32 offerId) {
        Work storage w = _onlyCreator(root);
        offerId = w.offerCount;
        w.offerCount = offerId + 1;
        _storeOffer(root, offerId, terms);
    }

    /// @inheritdoc IEssaimRegistry
    function retireOffer(bytes32 root, uint32 offerId) external {
        Work storage w = _onlyCreator(root);
        if (offerId >= w.offerCount) revert EssaimRegistryOfferNotFound(root, offerId);
        Offer storage o = _offers[root][offerId];
        if (o.retired) revert EssaimRegistryOfferIsRetired(root, offerId);
        o.retired = true;
        emit OfferRetired(root, offerId);
    }

    /// @inheritdoc IEssaimRegistry
    function setOpen(bytes32 root, bool open) external {
        _onlyCreator(root).open = open;
        emit OpenSet(root, open);
    }

    // ---------------------------------------------------------------- licenses

    /// @inheritdoc IEssaimRegistry
    /// @dev No balance write at all: the price goes to the work's revenue counter, from which
    /// {withdraw} pays each payee its share. An exact payment leaves no change to hold for the
    /// buyer.
    function buy(bytes32 root, uint32 offerId, uint256 maxPrice) external payable nonReentrant {
        Work memory w = _works[root];
        if (w.creator == address(0)) revert EssaimRegistryNotRegistered(root);
        if (offerId >= w.offerCount) revert EssaimRegistryOfferNotFound(root, offerId);
        Offer memory o = _offers[root][offerId];
        if (o.retired) revert EssaimRegistryOfferIsRetired(root, offerId);
        if (o.price > maxPrice) revert EssaimRegistryPriceAboveMax(o.price, maxPrice);
        if (msg.value != o.price) revert EssaimRegistryWrongPayment(o.price, msg.value);
        if (o.supply != 0 && o.sold >= o.supply) revert EssaimRegistrySoldOut(root, offerId, o.supply);
        License memory held = _licenses[root][msg.sender];
        bool valid = block.timestamp < held.expiry;
        // A transferable purchase must not make a valid non-transferable (e.g. granted) license
        // transferable: extensions keep or narrow transferability, never widen it.
        if (valid && !held.transferable && o.transferable) {
            revert EssaimRegistryNonTransferableHeld(root, msg.sender);
        }

        _offers[root][offerId].sold = o.sold + 1;
        uint64 expiry = _extend(valid ? held.expiry : uint64(block.timestamp), o.duration);
        // Field by field: writing a License built in memory costs about 850 gas more.
        License storage record = _licenses[root][msg.sender];
        record.expiry = expiry;
        record.transferable = o.transferable;
        // An extension never lowers the royalty a resale of the license pays.
        if (!valid || o.royaltyBps > held.royaltyBps) record.royaltyBps = o.royaltyBps;
        emit LicensePurchased(root, msg.sender, offerId, o.price, expiry, o.transferable);

        if (o.price != 0) _revenue[root] += o.price;
    }

    /// @inheritdoc IEssaimRegistry
    function grant(bytes32 root, address to, uint64 duration) external {
        _onlyCreator(root);
        if (to == address(0)) revert EssaimRegistryInvalidRecipient(to);
        License storage held = _licenses[root][to];
        uint64 expiry = _extend(uint64(block.timestamp), duration);
        if (expiry > held.expiry) {
            held.expiry = expiry;
            held.transferable = false;
        } else {
            expiry = held.expiry;
        }
        emit LicenseGranted(root, to, expiry);
    }

    /// @inheritdoc IEssaimRegistry
    function transferLicense(bytes32 root, address to) external {
        License memory sent = _checkHandOver(root, msg.sender, to);
        uint64 expiry = _handOver(root, msg.sender, to, sent);
        emit LicenseTransferred(root, msg.sender, to, expiry);
        _endListing(root, msg.sender);
    }

    // ------------------------------------------------------------------ resale

    /// @inheritdoc IEssaimRegistry
    function list(bytes32 root, uint96 price) external returns (uint64 version) {
        License memory held = _licenses[root][msg.sender];
        if (block.timestamp >= held.expiry) revert EssaimRegistryNoValidLicense(root, msg.sender);
        if (!held.transferable) revert EssaimRegistryLicenseNotTransferable(root, msg.sender);
        Listing storage l = _listings[root][msg.sender];
        version = l.version + 1;
        l.price = price;
        l.version = version;
        l.active = true;
        emit LicenseListed(root, msg.sender, price, version);
    }

    /// @inheritdoc IEssaimRegistry
    function unlist(bytes32 root) external {
        Listing storage l = _listings[root][msg.sender];
        if (!l.active) revert EssaimRegistryNotListed(root, msg.sender);
        l.active = false;
        emit LicenseUnlisted(root, msg.sender, l.version);
    }

    /// @inheritdoc IEssaimRegistry
    /// @dev No external call: the royalty goes to the work's revenue counter and the rest to the
    /// seller's proceeds, both withdrawn with {withdraw}. The version check comes before the
    /// price checks, so a buyer whose listing changed learns that, whatever it sent.
    function buyListing(bytes32 root, address seller, uint64 version, uint256 maxPrice) external payable nonReentrant {
        Listing memory l = _listings[root][seller];
        if (!l.active) revert EssaimRegistryNotListed(root, seller);
        if (l.version != version) revert EssaimRegistryListingChanged(root, seller, l.version);
        if (l.price > maxPrice) revert EssaimRegistryPriceAboveMax(l.price, maxPrice);
        if (msg.value != l.price) revert EssaimRegistryWrongPayment(l.price, msg.value);
        License memory sent = _checkHandOver(root, seller, msg.sender);

        _listings[root][seller].active = false;
        uint64 expiry = _handOver(root, seller, msg.sender, sent);
        uint256 royalty = uint256(l.price) * sent.royaltyBps / TOTAL_BPS;
        if (royalty != 0) _revenue[root] += royalty;
        if (l.price != royalty) _proceeds[seller] += l.price - royalty;
        emit LicenseResold(root, seller, msg.sender, l.price, royalty, expiry);
    }

    // ---------------------------------------------------------------- payments

    /// @inheritdoc IEssaimRegistry
    /// @dev Checks-effects-interactions: every claimed amount is written (and the events
    /// emitted) before the single external call. A root listed twice pays once: its claimed
    /// amount already equals the entitlement the second time. Unregistered or unsold roots, and
    /// roots where the caller is no payee, add nothing.
    function withdraw(bytes32[] calldata roots, address payable to) external nonReentrant {
        if (to == address(0)) revert EssaimRegistryInvalidRecipient(to);
        uint256 amount = _proceeds[msg.sender];
        if (amount != 0) {
            _proceeds[msg.sender] = 0;
            emit ProceedsClaimed(msg.sender, amount);
        }
        for (uint256 i = 0; i < roots.length; ++i) {
            bytes32 root = roots[i];
            uint256 entitled = _entitlement(root, msg.sender);
            uint256 already = _claimed[root][msg.sender];
            if (entitled > already) {
                _claimed[root][msg.sender] = entitled;
                amount += entitled - already;
                emit RevenueClaimed(root, msg.sender, entitled - already);
            }
        }
        if (amount == 0) revert EssaimRegistryNothingToWithdraw(msg.sender);
        emit Withdrawn(msg.sender, to, amount);
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert EssaimRegistryWithdrawFailed(to, amount);
    }

    // ------------------------------------------------------------------- views

    /// @inheritdoc IEssaimRegistry
    function hasValidLicense(bytes32 root, address account) external view returns (bool) {
        Work memory w = _works[root];
        if (w.creator == address(0)) return false;
        return account == w.creator || w.open || block.timestamp < _licenses[root][account].expiry;
    }

    /// @inheritdoc IEssaimRegistry
    function works(bytes32 root) external view returns (Work memory) {
        return _works[root];
    }

    /// @inheritdoc IEssaimRegistry
    function offers(bytes32 root, uint32 offerId) external view returns (Offer memory) {
        return _offers[root][offerId];
    }

    /// @inheritdoc IEssaimRegistry
    function licenses(bytes32 root, address account) external view returns (License memory) {
        return _licenses[root][account];
    }

    /// @inheritdoc IEssaimRegistry
    function splitsOf(bytes32 root) external view returns (Split[] memory) {
        return _splits[root];
    }

    /// @inheritdoc IEssaimRegistry
    function revenue(bytes32 root) external view returns (uint256) {
        return _revenue[root];
    }

    /// @inheritdoc IEssaimRegistry
    function claimed(bytes32 root, address payee) external view returns (uint256) {
        return _claimed[root][payee];
    }

    /// @inheritdoc IEssaimRegistry
    function owed(bytes32 root, address payee) external view returns (uint256) {
        return _entitlement(root, payee) - _claimed[root][payee];
    }

    /// @inheritdoc IEssaimRegistry
    function listings(bytes32 root, address seller) external view returns (Listing memory) {
        return _listings[root][seller];
    }

    /// @inheritdoc IEssaimRegistry
    function proceeds(address account) external view returns (uint256) {
        return _proceeds[account];
    }

    /// @inheritdoc IEssaimRegistry
    function commitments(bytes32 commitment) external view returns (Commitment memory) {
        return _commitments[commitment];
    }

    /// @inheritdoc IEssaimRegistry
    function computeCommitment(bytes32 root, address creator, bytes32 salt) external pure returns (bytes32) {
        return keccak256(abi.encode(root, creator, salt));
    }

    // ---------------------------------------------------------------- internal

    /// @dev All checks of {register}; consumes the commitment.
    function _checkRegistration(
        bytes32 root,
        bytes32 salt,
        string memory title,
        string[] memory tags,
        Split[] calldata splits,
        uint256 offerCount
    ) private {
        if (root == bytes32(0)) revert EssaimRegistryZeroRoot();
        _consumeCommitment(keccak256(abi.encode(root, msg.sender, salt)));
        address owner = _works[root].creator;
        if (owner != address(0)) revert EssaimRegistryAlreadyRegistered(root, owner);
        _checkDescription(title, tags);
        _checkSplits(splits);
        if (offerCount > MAX_OFFERS_PER_CALL) revert EssaimRegistryTooManyOffers(offerCount);
    }

    function _storeWork(bytes32 root, bool open, uint256 offerCount, Split[] calldata splits) private {
        // casting to 'uint32' is safe because offerCount <= MAX_OFFERS_PER_CALL
        // forge-lint: disable-next-line(unsafe-typecast)
        uint32 count = uint32(offerCount);
        _works[root] = Work({creator: msg.sender, open: open, offerCount: count, registeredAt: uint48(block.timestamp)});
        for (uint256 i = 0; i < splits.length; ++i) {
            _splits[root].push(splits[i]);
        }
    }

    /// @dev Checks that the caller's commitment may be revealed now, then deletes it.
    function _consumeCommitment(bytes32 commitment) private {
        Commitment memory c = _commitments[commitment];
        if (c.blockNumber == 0) revert EssaimRegistryNoCommitment(commitment);
        if (block.number <= c.blockNumber) revert EssaimRegistryRevealTooEarly(c.blockNumber);
        if (block.timestamp > c.timestamp + MAX_COMMIT_AGE) revert EssaimRegistryCommitmentExpired(c.timestamp);
        delete _commitments[commitment];
    }

    function _checkDescription(string memory title, string[] memory tags) private pure {
        if (bytes(title).length > MAX_TITLE_BYTES) revert EssaimRegistryTitleTooLong(bytes(title).length);
        if (tags.length > MAX_TAGS) revert EssaimRegistryTooManyTags(tags.length);
        for (uint256 i = 0; i < tags.length; ++i) {
            if (bytes(tags[i]).length > MAX_TAG_BYTES) revert EssaimRegistryTagTooLong(i, bytes(tags[i]).length);
        }
    }

    /// @dev Validates splits: at most MAX_SPLITS, distinct non-zero payees, non-zero shares
    /// summing to TOTAL_BPS (or no splits at all).
    function _checkSplits(Split[] calldata splits) private pure {
        if (splits.length == 0) return;
        if (splits.length > MAX_SPLITS) revert EssaimRegistryTooManySplits(splits.length);
        uint256 total;
        for (uint256 i = 0; i < splits.length; ++i) {
            address payee = splits[i].payee;
            uint256 bps = splits[i].bps;
            if (payee == address(0)) revert EssaimRegistryZeroPayee(i);
            if (bps == 0) revert EssaimRegistryZeroShare(i);
            for (uint256 j = 0; j < i; ++j) {
                if (splits[j].payee == payee) revert EssaimRegistryDuplicatePayee(payee);
            }
            total += bps;
        }
        if (total != TOTAL_BPS) revert EssaimRegistrySharesNotTotal(total);
    }

    /// @dev Stores an offer. Any price is accepted: with the revenue accumulator a share
    /// smaller than 1 wei per sale is not lost, it adds up over the sales.
    function _storeOffer(bytes32 root, uint32 offerId, OfferTerms calldata t) private {
        if (t.royaltyBps > TOTAL_BPS) revert EssaimRegistryRoyaltyTooHigh(t.royaltyBps);
        _offers[root][offerId] = Offer({
            price: t.price,
            duration: t.duration,
            supply: t.supply,
            transferable: t.transferable,
            royaltyBps: t.royaltyBps,
            sold: 0,
            retired: false
        });
        emit OfferAdded(root, offerId, t.price, t.duration, t.supply, t.transferable, t.royaltyBps);
    }

    /// @dev `from`'s license, once checked that it may go to `to`: `to` is neither zero nor
    /// `from`, the license is valid and transferable, and `to` holds no valid non-transferable
    /// license (merging into it would make it transferable).
    function _checkHandOver(bytes32 root, address from, address to) private view returns (License memory sent) {
        if (to == address(0) || to == from) revert EssaimRegistryInvalidRecipient(to);
        sent = _licenses[root][from];
        if (block.timestamp >= sent.expiry) revert EssaimRegistryNoValidLicense(root, from);
        if (!sent.transferable) revert EssaimRegistryLicenseNotTransferable(root, from);
        License memory held = _licenses[root][to];
        if (block.timestamp < held.expiry && !held.transferable) revert EssaimRegistryNonTransferableHeld(root, to);
    }

    /// @dev Moves `sent`, `from`'s license, to `to`: the recipient keeps the later expiry of both
    /// and the higher royalty of both (its own only while valid); `from`'s record is deleted.
    /// Returns the recipient's expiry.
    function _handOver(bytes32 root, address from, address to, License memory sent) private returns (uint64 expiry) {
        License memory held = _licenses[root][to];
        expiry = held.expiry > sent.expiry ? held.expiry : sent.expiry;
        bool keepOwn = block.timestamp < held.expiry && held.royaltyBps > sent.royaltyBps;
        delete _licenses[root][from];
        License storage record = _licenses[root][to];
        record.expiry = expiry;
        record.transferable = true;
        if (!keepOwn) record.royaltyBps = sent.royaltyBps;
    }

    /// @dev Ends `seller`'s listing of the work, if it is active.
    function _endListing(bytes32 root, address seller) private {
        Listing storage l = _listings[root][seller];
        if (!l.active) return;
        l.active = false;
        emit LicenseUnlisted(root, seller, l.version);
    }

    /// @dev What `payee` is entitled to from the work, ever: floor(revenue * bps / TOTAL_BPS) for
    /// its split, the whole revenue for the creator of a work without splits, else 0 (also for an
    /// unregistered root, whose revenue is 0). Payees are distinct, so at most one split matches.
    function _entitlement(bytes32 root, address payee) private view returns (uint256) {
        uint256 r = _revenue[root];
        if (r == 0) return 0;
        Split[] storage splits = _splits[root];
        uint256 n = splits.length;
        if (n == 0) return payee == _works[root].creator ? r : 0;
        for (uint256 i = 0; i < n; ++i) {
            Split storage s = splits[i];
            if (s.payee == payee) return r * s.bps / TOTAL_BPS;
        }
        return 0;
    }

    /// @dev start + duration, where duration 0 (or a sum past uint64) means perpetual.
    function _extend(uint64 start, uint64 duration) private pure returns (uint64) {
        if (duration == 0) return PERPETUAL;
        uint256 end = uint256(start) + duration;
        if (end >= PERPETUAL) return PERPETUAL;
        // casting to 'uint64' is safe because end < PERPETUAL
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint64(end);
    }

    /// @dev The work, if the caller is its creator (reverts for an unregistered root too).
    function _onlyCreator(bytes32 root) private view returns (Work storage w) {
        w = _works[root];
        if (w.creator == address(0)) revert EssaimRegistryNotRegistered(root);
        if (w.creator != msg.sender) revert EssaimRegistryNotCreator(root, msg.sender);
    }
}
