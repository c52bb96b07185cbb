// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IEssaimRegistry
/// @notice Registry of works shared over essaim: one owner per content root, license offers,
/// license records, resale of transferable licenses with a royalty to the work's payees, and
/// pull payments (a per-work revenue accumulator, and each seller's resale proceeds). Types,
/// errors and events live here so Go bindings and tests share one definition.
interface IEssaimRegistry {
    // ------------------------------------------------------------------ types

    /// @notice A co-creator's share of every sale, in basis points (10000 = 100%).
    struct Split {
        address payee;
        uint16 bps;
    }

    /// @notice Terms of an offer as given by the creator.
    /// @dev duration in seconds, 0 = perpetual; supply 0 = unlimited; royaltyBps is the share of
    /// every resale of a license bought from the offer that goes to the work's payees, in basis
    /// points (at most 10000), fixed with the offer.
    struct OfferTerms {
        uint96 price;
        uint64 duration;
        uint32 supply;
        bool transferable;
        uint16 royaltyBps;
    }

    /// @notice An offer as stored: its terms, how many licenses it sold, whether it is retired.
    struct Offer {
        uint96 price;
        uint64 duration;
        uint32 supply;
        bool transferable;
        uint16 royaltyBps;
        uint32 sold;
        bool retired;
    }

    /// @notice A registered work. creator is the zero address when the root is not registered.
    struct Work {
        address creator;
        bool open;
        uint32 offerCount;
        uint48 registeredAt;
    }

    /// @notice A license record. expiry is exclusive (valid while block.timestamp < expiry);
    /// type(uint64).max means perpetual. royaltyBps is what a resale of it pays the work's
    /// payees: the royalty of the offer it was bought from (the higher one when records merge).
    struct License {
        uint64 expiry;
        bool transferable;
        uint16 royaltyBps;
    }

    /// @notice A holder's offer to sell its license to a work. version grows with every
    /// {list} by that holder for that work and never goes back, so a buyer who names it buys
    /// exactly the listing it saw; active is false once unlisted, sold or transferred away.
    struct Listing {
        uint96 price;
        uint64 version;
        bool active;
    }

    /// @notice A pending commitment: the block and time it was made.
    struct Commitment {
        uint64 blockNumber;
        uint64 timestamp;
    }

    // ----------------------------------------------------------------- errors

    /// @dev The content root is zero.
    error EssaimRegistryZeroRoot();
    /// @dev The commitment is already pending (and not expired).
    error EssaimRegistryCommitmentExists(bytes32 commitment);
    /// @dev No commitment matches keccak256(abi.encode(root, msg.sender, salt)).
    error EssaimRegistryNoCommitment(bytes32 commitment);
    /// @dev The reveal is in the same block as the commitment.
    error EssaimRegistryRevealTooEarly(uint256 commitBlock);
    /// @dev The commitment is older than MAX_COMMIT_AGE.
    error EssaimRegistryCommitmentExpired(uint256 committedAt);
    /// @dev The root already has an owner.
    error EssaimRegistryAlreadyRegistered(bytes32 root, address creator);
    /// @dev The title is longer than MAX_TITLE_BYTES.
    error EssaimRegistryTitleTooLong(uint256 length);
    /// @dev More than MAX_TAGS tags.
    error EssaimRegistryTooManyTags(uint256 count);
    /// @dev A tag is longer than MAX_TAG_BYTES.
    error EssaimRegistryTagTooLong(uint256 index, uint256 length);
    /// @dev More than MAX_SPLITS splits.
    error EssaimRegistryTooManySplits(uint256 count);
    /// @dev A split names the zero address.
    error EssaimRegistryZeroPayee(uint256 index);
    /// @dev A split has zero basis points.
    error EssaimRegistryZeroShare(uint256 index);
    /// @dev A payee appears twice in the splits.
    error EssaimRegistryDuplicatePayee(address payee);
    /// @dev The splits do not sum to 10000 basis points.
    error EssaimRegistrySharesNotTotal(uint256 totalBps);
    /// @dev More than MAX_OFFERS_PER_CALL offers in one registration.
    error EssaimRegistryTooManyOffers(uint256 count);
    /// @dev The root is not registered.
    error EssaimRegistryNotRegistered(bytes32 root);
    /// @dev The caller is not the work's creator.
    error EssaimRegistryNotCreator(bytes32 root, address account);
    /// @dev No offer with this id for the work.
    error EssaimRegistryOfferNotFound(bytes32 root, uint32 offerId);
    /// @dev The offer is retired.
    error EssaimRegistryOfferIsRetired(bytes32 root, uint32 offerId);
    /// @dev The offer's current price exceeds the buyer's maximum.
    error EssaimRegistryPriceAboveMax(uint256 price, uint256 maxPrice);
    /// @dev msg.value is not exactly the offer's price (above or below it; any value on a free
    /// offer).
    error EssaimRegistryWrongPayment(uint256 price, uint256 value);
    /// @dev The offer's supply is exhausted.
    error EssaimRegistrySoldOut(bytes32 root, uint32 offerId, uint32 supply);
    /// @dev The account holds a valid non-transferable license that a transferable one would
    /// upgrade (buying a transferable offer on top of it, or receiving a transfer).
    error EssaimRegistryNonTransferableHeld(bytes32 root, address account);
    /// @dev The recipient is the zero address (or, for a license transfer, the sender).
    error EssaimRegistryInvalidRecipient(address to);
    /// @dev The caller holds no valid license for the work.
    error EssaimRegistryNoValidLicense(bytes32 root, address account);
    /// @dev The caller's license is not transferable.
    error EssaimRegistryLicenseNotTransferable(bytes32 root, address account);
    /// @dev Nothing is owed to the caller from the listed works.
    error EssaimRegistryNothingToWithdraw(address account);
    /// @dev Sending `amount` to the recipient `to` failed.
    error EssaimRegistryWithdrawFailed(address to, uint256 amount);
    /// @dev An offer's royalty is above 10000 basis points.
    error EssaimRegistryRoyaltyTooHigh(uint256 royaltyBps);
    /// @dev The seller has no active listing for the work.
    error EssaimRegistryNotListed(bytes32 root, address seller);
    /// @dev The listing is not the version the buyer named: it was changed (re-listed) since.
    error EssaimRegistryListingChanged(bytes32 root, address seller, uint64 version);

    // ----------------------------------------------------------------- events

    /// @notice A commitment was stored.
    event Committed(bytes32 indexed commitment, address indexed committer);
    /// @notice A root got its owner. Title, tags and metadataHash live only in this event.
    event WorkRegistered(
        bytes32 indexed root,
        address indexed creator,
        string title,
        string[] tags,
        bytes32 metadataHash,
        bool open,
        Split[] splits
    );
    /// @notice A new offer was added to a work.
    event OfferAdded(
        bytes32 indexed root,
        uint32 indexed offerId,
        uint96 price,
        uint64 duration,
        uint32 supply,
        bool transferable,
        uint16 royaltyBps
    );
    /// @notice An offer was retired; licenses already held are unaffected.
    event OfferRetired(bytes32 indexed root, uint32 indexed offerId);
    /// @notice A work was made open (no license needed) or closed.
    event OpenSet(bytes32 indexed root, bool open);
    /// @notice A license was bought or extended; pricePaid was added to the work's revenue.
    event LicensePurchased(
        bytes32 indexed root,
        address indexed buyer,
        uint32 indexed offerId,
        uint256 pricePaid,
        uint64 expiry,
        bool transferable
    );
    /// @notice The creator granted a free, non-transferable license.
    event LicenseGranted(bytes32 indexed root, address indexed to, uint64 expiry);
    /// @notice A license moved; expiry is the recipient's new expiry.
    event LicenseTransferred(bytes32 indexed root, address indexed from, address indexed to, uint64 expiry);
    /// @notice A payee claimed `amount` of its share of the work's revenue (paid by the
    /// {Withdrawn} that follows in the same call).
    event RevenueClaimed(bytes32 indexed root, address indexed payee, uint256 amount);
    /// @notice `account` withdrew `amount` (the sum of its claimed shares and resale proceeds)
    /// to `to`.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice A holder offered its license to the work for sale at `price`, as listing `version`.
    event LicenseListed(bytes32 indexed root, address indexed seller, uint256 price, uint64 version);
    /// @notice A listing was withdrawn by its seller, or ended because the license was transferred.
    event LicenseUnlisted(bytes32 indexed root, address indexed seller, uint64 version);
    /// @notice A listed license was sold: it moved from `seller` to `buyer` (whose expiry is now
    /// `expiry`); `royalty` of `price` was added to the work's revenue, the rest to the seller's
    /// proceeds.
    event LicenseResold(
        bytes32 indexed root,
        address indexed seller,
        address indexed buyer,
        uint256 price,
        uint256 royalty,
        uint64 expiry
    );
    /// @notice `account` claimed `amount` of resale proceeds (paid by the {Withdrawn} that follows
    /// in the same call).
    event ProceedsClaimed(address indexed account, uint256 amount);

    // -------------------------------------------------------------- functions

    /// @notice Stores a commitment for a later {register}. Reverts while the same commitment is
    /// pending (made at most MAX_COMMIT_AGE ago), so nobody can refresh it into the reveal's block.
    /// @param commitment keccak256(abi.encode(root, creator, salt)); see {computeCommitment}.
    function commit(bytes32 commitment) external;

    /// @notice Reveals a commitment made by the caller in an earlier block (at most
    /// MAX_COMMIT_AGE ago) and makes the caller the root's owner forever.
    /// @param root content root (non-zero)
    /// @param salt the salt used in the commitment
    /// @param title at most MAX_TITLE_BYTES bytes, emitted only
    /// @param tags at most MAX_TAGS tags of at most MAX_TAG_BYTES bytes each, emitted only
    /// @param metadataHash hash of off-chain metadata, emitted only
    /// @param open whether the work needs no license
    /// @param splits payees and basis points summing to 10000; empty means 100% to the creator
    /// @param offers initial offers, ids 0..offers.length-1
    function register(
        bytes32 root,
        bytes32 salt,
        string calldata title,
        string[] calldata tags,
        bytes32 metadataHash,
        bool open,
        Split[] calldata splits,
        OfferTerms[] calldata offers
    ) external;

    /// @notice Adds an offer to the caller's work. Licenses already held are never changed.
    /// @return offerId the new offer's id
    function addOffer(bytes32 root, OfferTerms calldata terms) external returns (uint32 offerId);

    /// @notice Retires an offer of the caller's work; it can no longer be bought.
    function retireOffer(bytes32 root, uint32 offerId) external;

    /// @notice Makes the caller's work open (anyone may fetch it) or closed.
    function setOpen(bytes32 root, bool open) external;

    /// @notice Buys a license, or extends the one held (buying again is how a license is
    /// extended; there is no separate extend function): the new period runs from
    /// max(now, current expiry) for the offer's duration (perpetual when 0). The record's
    /// transferable flag becomes the offer's; a transferable offer cannot be bought on top of a
    /// valid non-transferable license. The record's royalty becomes the offer's, or stays the
    /// held one if that is higher and still valid (an extension never lowers what a resale pays
    /// the payees). msg.value must be exactly the offer's price (0 for a free offer): nothing is
    /// ever refunded or credited. The price is added to the work's revenue,
    /// which the payees withdraw their shares of (pull payments, see {withdraw}).
    /// @param maxPrice the most the buyer accepts to pay; reverts with
    /// {EssaimRegistryPriceAboveMax} (carrying the current price) when the offer costs more.
    /// Offers are immutable, so this is no guard against a price change: it catches a client
    /// mistake (wrong offer id, or a value computed from the wrong offer) before the payment
    /// check, and the error tells the client the actual price.
    function buy(bytes32 root, uint32 offerId, uint256 maxPrice) external payable;

    /// @notice Grants a free, non-transferable license (duration 0 = perpetual). Never shortens
    /// an existing license; a grant that does not extend it changes nothing, and one that does
    /// leaves the whole record non-transferable.
    function grant(bytes32 root, address to, uint64 duration) external;

    /// @notice Moves the caller's valid, transferable license to `to`, whose expiry becomes the
    /// later of both (and whose record becomes transferable, with the higher of both royalties).
    /// The caller's record is deleted and its listing of the work, if any, ends. Reverts if `to`
    /// holds a valid non-transferable license, which the merge would widen.
    function transferLicense(bytes32 root, address to) external;

    /// @notice Offers the caller's valid, transferable license to the work for sale at `price`
    /// (replacing its listing, if any, with a new version). A buyer pays exactly `price`: the
    /// license's royalty share of it goes to the work's payees, the rest to the caller, both
    /// withdrawn later (pull payments).
    /// @return version the listing's version, which a buyer names in {buyListing}
    function list(bytes32 root, uint96 price) external returns (uint64 version);

    /// @notice Ends the caller's listing of its license to the work.
    function unlist(bytes32 root) external;

    /// @notice Buys `seller`'s listed license to the work: it moves to the caller with its
    /// remaining time (merged as {transferLicense} merges). msg.value must be exactly the listing's
    /// price. floor(price * royaltyBps / 10000) is added to the work's revenue, for its payees;
    /// the rest to the seller's proceeds. Reverts unless the listing is active and still `version`
    /// (a listing changed while the purchase was pending is never bought), its price is at most
    /// `maxPrice`, and the seller's license is still valid and transferable.
    /// @param version the listing's version, as the buyer read it ({listings})
    /// @param maxPrice the most the buyer accepts to pay
    function buyListing(bytes32 root, address seller, uint64 version, uint256 maxPrice) external payable;

    /// @notice Sends `to` everything owed to the caller: its share of the listed works' revenue
    /// (see {owed}) and its resale proceeds (see {proceeds}), and marks it paid. Listing a work
    /// twice, or a work that owes the caller nothing, adds nothing. Reverts if `to` is the zero
    /// address, if the total is zero, or if the transfer fails (then nothing changes). Paying to
    /// another address lets a payee that cannot receive ether withdraw.
    /// @param roots the works to claim from (may be empty to collect resale proceeds only)
    /// @param to the recipient of the ether
    function withdraw(bytes32[] calldata roots, address payable to) external;

    /// @notice Whether `account` may fetch the work now: registered and (creator, open work, or
    /// block.timestamp < license expiry; the expiry second itself is not valid).
    function hasValidLicense(bytes32 root, address account) external view returns (bool);

    /// @notice The work registered under `root` (creator zero if none).
    function works(bytes32 root) external view returns (Work memory);

    /// @notice An offer of a work (all zero if it does not exist).
    function offers(bytes32 root, uint32 offerId) external view returns (Offer memory);

    /// @notice The license record of `account` for the work (all zero if none).
    function licenses(bytes32 root, address account) external view returns (License memory);

    /// @notice The work's splits; empty means 100% to the creator.
    function splitsOf(bytes32 root) external view returns (Split[] memory);

    /// @notice Wei paid for the work's licenses, ever (the accumulator the payees' shares are
    /// computed from).
    function revenue(bytes32 root) external view returns (uint256);

    /// @notice How much `payee` has claimed from the work so far.
    function claimed(bytes32 root, address payee) external view returns (uint256);

    /// @notice What {withdraw} would pay `payee` from this work now: floor(revenue * bps / 10000)
    /// for its split (the whole revenue for the creator of a work without splits) minus what it
    /// already claimed. Rounding leaves at most (number of splits - 1) wei per work, in total,
    /// unclaimable in the contract.
    function owed(bytes32 root, address payee) external view returns (uint256);

    /// @notice `seller`'s listing of its license to the work (version 0 if it never listed it).
    function listings(bytes32 root, address seller) external view returns (Listing memory);

    /// @notice Resale proceeds credited to `account` and not yet withdrawn.
    function proceeds(address account) external view returns (uint256);

    /// @notice A pending commitment (all zero if none).
    function commitments(bytes32 commitment) external view returns (Commitment memory);

    /// @notice keccak256(abi.encode(root, creator, salt)), the value to pass to {commit}.
    function computeCommitment(bytes32 root, address creator, bytes32 salt) external pure returns (bytes32);
}
