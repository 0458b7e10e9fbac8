"""Command line of the converter; see converter/__init__.py."""
from __future__ import annotations

import argparse
import os
import sys

EXIT_USER_ERROR = 1  # exit status 2 means "refused by the QWK gate", so usage errors are 1 too


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message}\n")


def convert_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m converter",
        description="Quantize a trained run to a TFLite bundle, refused if its QWK drops "
                    "more than --max-qwk-drop below the float model. "
                    "(Also: python -m converter evaluate|triage|sign|publish BUNDLE.json ..., keygen --out DIR)")
    p.add_argument("model", help="training run folder or its model.keras (combiner.json beside it)")
    p.add_argument("--out", required=True, help="bundle folder, e.g. models/")
    p.add_argument("--mode", default="int8", choices=["int8", "fp16", "dynamic", "float32", "all"],
                   help="quantization; 'all' compares every mode and publishes the smallest "
                        "that passes the gate (default: int8)")
    p.add_argument("--calibration", help="folder of real images for int8 calibration (already filtered "
                                         "with --preprocessed)")
    p.add_argument("--calibration-count", type=_positive, default=300,
                   help="calibration images to use (default 300)")
    p.add_argument("--calibration-photos", metavar="DIR",
                   help="a folder of camera photos (through the app's preprocessing) that shares the "
                        "calibration with --calibration, e.g. when the validation images are --preprocessed")
    p.add_argument("--float-layers", type=lambda text: [x for x in text.split(",") if x], default=[],
                   metavar="PREFIX,...", help="int8: keep the ops of these Keras layers (name prefixes, "
                   "e.g. stem_,block1a_) in float32")
    p.add_argument("--validation", required=True, help="folder of validation images")
    p.add_argument("--labels", required=True, help="labels CSV (id_code,diagnosis or image,level)")
    p.add_argument("--preprocessed", action="store_true",
                   help="images are already cropped and Ben-filtered (APTOS gaussian224)")
    p.add_argument("--max-qwk-drop", type=float, default=0.01,
                   help="largest allowed float-minus-TFLite QWK (default 0.01)")
    p.add_argument("--name", help="bundle name (default: RUN-MODE)")
    p.add_argument("--limit", type=_positive, help="evaluate on a random N of the validation images")
    p.add_argument("--evaluate", nargs=3, action="append", default=[], metavar=("NAME", "IMAGES", "LABELS"),
                   help="also grade these camera photos with the published model (the app's path) and "
                        "record the metrics in the manifest under metrics.sets.NAME; repeatable")
    p.add_argument("--warning", help="a caution the app shows with every result, e.g. that the model "
                                     "failed validation on camera photos; {SET[metric]} fields are filled in "
                                     "from the --evaluate sets, e.g. {natural_test[referable_auc]:.2f}")
    p.add_argument("--sign-key", help="publisher's private key (python -m converter keygen): sign the "
                                      "published bundle (NAME.json.sig); the app uses only signed bundles")
    p.add_argument("--programme", help="a programme dataset (python -m training dataset): refuse (exit 2) a "
                                       "model that does worse than --baseline on its held-out reviewed eyes")
    p.add_argument("--baseline", help="the bundle in use (NAME.json, signed) that --programme compares with")
    p.add_argument("--max-programme-drop", type=float, default=0.0,
                   help="largest allowed drop of QWK or referral sensitivity on --programme (default 0)")
    return p


def publish_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m converter publish",
                description="Put a signed bundle in the hub's published-models folder and offer it to the "
                            "laptops on their next sync (docs/review-loop.md).")
    p.add_argument("bundle", help="bundle manifest NAME.json (signed: NAME.json.sig beside it)")
    p.add_argument("--hub", required=True,
                   help="the hub's published-models folder, served as /dr-screen-models (e.g. /srv/dr-screen/models)")
    p.add_argument("--trusted-keys", action="append", default=[],
                   help="a folder of publisher keys the laptops trust, besides models/trusted_keys/")
    p.add_argument("--no-offer", action="store_true",
                   help="keep the bundle at the hub (heat maps, agreement) without offering it to the laptops")
    return p


def keygen_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m converter keygen",
                description="Make a publisher key pair: NAME.key (private, owner-only) and NAME.pub.")
    p.add_argument("--out", required=True, help="folder for the key files (outside the repository)")
    p.add_argument("--name", default="publisher", help="file name stem (default: publisher)")
    return p


def sign_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m converter sign",
                description="Sign an existing bundle: writes NAME.json.sig beside NAME.json.")
    p.add_argument("bundle", help="bundle manifest NAME.json")
    p.add_argument("--key", required=True, help="publisher's private key (python -m converter keygen)")
    return p


def evaluate_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m converter evaluate",
                                description="Grade labelled images with a bundle and print metrics; "
                                            "the last line is the metrics as JSON.")
    p.add_argument("bundle", help="bundle manifest NAME.json")
    p.add_argument("--images", required=True, help="folder of images")
    p.add_argument("--labels", required=True, help="labels CSV (id_code,diagnosis or image,level)")
    p.add_argument("--preprocessed", action="store_true",
                   help="images are already cropped and Ben-filtered (APTOS gaussian224)")
    p.add_argument("--predictions", help="write one CSV row per image here (with its triage band)")
    p.add_argument("--policy", help="the bundle's triage policy that sets bands and referrals "
                                    "(default: the manifest's default policy)")
    p.add_argument("--limit", type=_positive, help="grade a random N of the images")
    return p


def triage_parser() -> argparse.ArgumentParser:
    from converter.triage import POLICIES

    p = _Parser(prog="python -m converter triage",
                description="Set a bundle's triage policies (urgent / refer / clear) on calibration parts, "
                            "measure them on every set it reports, and write them into its manifest with a new "
                            "version; the model file is unchanged (docs/model-card.md, Triage).")
    p.add_argument("bundle", help="bundle manifest NAME.json; rewritten in place")
    p.add_argument("--field-calibration", nargs=2, required=True, metavar=("IMAGES", "LABELS"),
                   help="the field-like calibration part (natural colour photos): its grade 0-1 eyes set the "
                        "urgent threshold, its grade 3-4 eyes count for the clear threshold")
    p.add_argument("--severe-calibration", nargs=2, required=True, metavar=("IMAGES", "LABELS"),
                   help="a calibration part with the grade 3-4 eyes the field-like part lacks (EyePACS "
                        "colour-enhanced); only those eyes are used")
    p.add_argument("--evaluate", nargs=3, action="append", default=[], metavar=("NAME", "IMAGES", "LABELS"),
                   help="a reported set of photos (one of the manifest's metrics.sets, as the conversion's "
                        "--evaluate gave it); every one is needed. The validation data comes from the manifest")
    p.add_argument("--default", choices=POLICIES, default=POLICIES[0],
                   help=f"the policy the app uses unless a programme picks another (default: {POLICIES[0]})")
    p.add_argument("--plain-healthy", default="natural_test", metavar="SET",
                   help="the reported set whose grade 0-1 eyes give 'clears about N of 10 healthy eyes' "
                        "(default natural_test)")
    p.add_argument("--plain-sight-threatening", default="eyepacs_holdout", metavar="SET",
                   help="the reported set whose grade 3-4 eyes give 'about M of 100 sight-threatening eyes "
                        "would be cleared' (default eyepacs_holdout)")
    p.add_argument("--warning", help="the warning the app shows, filled in again: {SET[metric]} from metrics.sets, "
                                     "{default[SET][grade 0-1][clear][share]} from the default policy's rates, "
                                     "{plain.healthy_of_10} and {plain.sight_threatening_of_100}; without it the "
                                     "warning is kept as it is")
    p.add_argument("--sign-key", help="publisher's private key: sign the rewritten bundle (the old signature "
                                      "no longer fits its manifest)")
    return p


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's C++ chatter out
    from converter import UserError
    from fundus.bundle import BundleError

    try:
        if argv[:1] == ["evaluate"]:
            from converter.evaluate import evaluate_command
            return evaluate_command(evaluate_parser().parse_args(argv[1:]))
        if argv[:1] == ["publish"]:
            from converter.publish import publish_command
            return publish_command(publish_parser().parse_args(argv[1:]))
        if argv[:1] == ["triage"]:
            from converter.triage import triage_command
            return triage_command(triage_parser().parse_args(argv[1:]), argv)
        if argv[:1] in (["keygen"], ["sign"]):
            from converter.signing import keygen_command, sign_command
            if argv[0] == "keygen":
                return keygen_command(keygen_parser().parse_args(argv[1:]))
            return sign_command(sign_parser().parse_args(argv[1:]))
        args = convert_parser().parse_args(argv)
        from converter.convert import convert_command  # imports TensorFlow: only here
        return convert_command(args)
    except (UserError, BundleError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
