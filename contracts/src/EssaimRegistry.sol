// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "./IEssaimRegistry.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title EssaimRegistry
/// @notice Registers works by content root (commit then reveal), sells and grants licenses as
/// records, and credits sale proceeds to payees who withdraw them (pull payments).
/// @dev No constructor arguments and no owner: the bytecode, and so a CREATE2 address, is the
/// same for every deployment. Every loop runs over calldata or over a work's splits, both
/// capped at 16.
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
    mapping(address account => uint256) private _credits;

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
        uint256 minBps = _checkRegistration(root, salt, title, tags, splits, offerTerms.length);
        _storeWork(root, open, offerTerms.length, splits);
        emit WorkRegistered(root, msg.sender, title, tags, metadataHash, open, splits);

        for (uint256 i = 0; i < offerTerms.length; ++i) {
            // casting to 'uint32' is safe because i < offerTerms.length <= MAX_OFFERS_PER_CALL
            // forge-lint: disable-next-line(unsafe-typecast)
            _storeOffer(root, uint32(i), offerTerms[i], minBps);
        }
    }

    /// @inheritdoc IEssaimRegistry
    function addOffer(bytes32 root, OfferTerms calldata terms) external returns (uint32 offerId) {
        Work storage w = _onlyCreator(root);
        offerId = w.offerCount;
        w.offerCount = offerId + 1;
        _storeOffer(root, offerId, terms, _minBps(root));
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
    function buy(bytes32 root, uint32 offerId, uint256 maxPrice) external payable nonReentrant {
        Work memory w = _works[root];
        if (w.creator == address(0)) revert EssaimRegistryNotRegistered(root);
        if (offerId >= w.offerCount) revert EssaimRegistryOfferNotFound(root, offerId);
        Offer memory o = _offers[root][offerId];
        if (o.retired) revert EssaimRegistryOfferIsRetired(root, offerId);
        if (o.price > maxPrice) revert EssaimRegistryPriceAboveMax(o.price, maxPrice);
        if (msg.value < o.price) revert EssaimRegistryInsufficientPayment(o.price, msg.value);
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
        _licenses[root][msg.sender] = License(expiry, o.transferable);
        emit LicensePurchased(root, msg.sender, offerId, o.price, expiry, o.transferable);

        if (o.price != 0) _distribute(root, w.creator, o.price);
        uint256 change = msg.value - o.price;
        if (change != 0) _credit(msg.sender, root, change);
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
        if (to == address(0) || to == msg.sender) revert EssaimRegistryInvalidRecipient(to);
        License memory sent = _licenses[root][msg.sender];
        if (block.timestamp >= sent.expiry) revert EssaimRegistryNoValidLicense(root, msg.sender);
        if (!sent.transferable) revert EssaimRegistryLicenseNotTransferable(root, msg.sender);
        License memory held = _licenses[root][to];
        // Merging into a valid non-transferable record would make it transferable.
        bool heldValid = block.timestamp < held.expiry;
        if (heldValid && !held.transferable) revert EssaimRegistryNonTransferableHeld(root, to);

        uint64 expiry = held.expiry > sent.expiry ? held.expiry : sent.expiry;
        delete _licenses[root][msg.sender];
        _licenses[root][to] = License(expiry, true);
        emit LicenseTransferred(root, msg.sender, to, expiry);
    }

    // ---------------------------------------------------------------- payments

    /// @inheritdoc IEssaimRegistry
    function withdraw() external nonReentrant {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert EssaimRegistryNothingToWithdraw(msg.sender);
        _credits[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert EssaimRegistryWithdrawFailed(msg.sender, amount);
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
    function credits(address account) external view returns (uint256) {
        return _credits[account];
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

    /// @dev All checks of {register}; consumes the commitment. Returns the smallest split in bps.
    function _checkRegistration(
        bytes32 root,
        bytes32 salt,
        string memory title,
        string[] memory tags,
        Split[] calldata splits,
        uint256 offerCount
    ) private returns (uint256 minBps) {
        if (root == bytes32(0)) revert EssaimRegistryZeroRoot();
        _consumeCommitment(keccak256(abi.encode(root, msg.sender, salt)));
        address owner = _works[root].creator;
        if (owner != address(0)) revert EssaimRegistryAlreadyRegistered(root, owner);
        _checkDescription(title, tags);
        minBps = _checkSplits(splits);
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

    /// @dev Validates splits and returns the smallest share in basis points (TOTAL_BPS if none).
    function _checkSplits(Split[] calldata splits) private pure returns (uint256 minBps) {
        if (splits.length == 0) return TOTAL_BPS;
        if (splits.length > MAX_SPLITS) revert EssaimRegistryTooManySplits(splits.length);
        minBps = TOTAL_BPS;
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
            if (bps < minBps) minBps = bps;
        }
        if (total != TOTAL_BPS) revert EssaimRegistrySharesNotTotal(total);
    }

    /// @dev Smallest stored share of a registered work, in basis points.
    function _minBps(bytes32 root) private view returns (uint256 minBps) {
        Split[] storage splits = _splits[root];
        minBps = TOTAL_BPS;
        for (uint256 i = 0; i < splits.length; ++i) {
            if (splits[i].bps < minBps) minBps = splits[i].bps;
        }
    }

    /// @dev Stores an offer after the minimum price rule: a non-zero price must give every payee
    /// at least 1 wei, i.e. price * minBps / TOTAL_BPS >= 1.
    function _storeOffer(bytes32 root, uint32 offerId, OfferTerms calldata t, uint256 minBps) private {
        if (t.price != 0 && uint256(t.price) * minBps < TOTAL_BPS) {
            revert EssaimRegistryPriceTooLow(t.price, (TOTAL_BPS + minBps - 1) / minBps);
        }
        _offers[root][offerId] = Offer({
            price: t.price,
            duration: t.duration,
            supply: t.supply,
            transferable: t.transferable,
            sold: 0,
            retired: false
        });
        emit OfferAdded(root, offerId, t.price, t.duration, t.supply, t.transferable);
    }

    /// @dev Credits each payee floor(price * bps / TOTAL_BPS); the first payee also gets the
    /// rounding remainder, so the credits sum to the price exactly. No splits: all to creator.
    function _distribute(bytes32 root, address creator, uint256 price) private {
        Split[] storage splits = _splits[root];
        uint256 n = splits.length;
        if (n == 0) {
            _credit(creator, root, price);
            return;
        }
        uint256 rest = price;
        for (uint256 i = 1; i < n; ++i) {
            Split storage s = splits[i];
            uint256 share = price * s.bps / TOTAL_BPS;
            rest -= share;
            _credit(s.payee, root, share);
        }
        _credit(splits[0].payee, root, rest);
    }

    function _credit(address account, bytes32 root, uint256 amount) private {
        _credits[account] += amount;
        emit Credited(account, root, amount);
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
