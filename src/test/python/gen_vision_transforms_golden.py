"""Golden files for dev.jtorch.vision (transforms, Image, datasets.ImageFolder) from torchvision 0.14 / Pillow 9.4.

Writes the small test images under src/test/resources/vision/ (drawn deterministically with NumPy) and
src/test/resources/golden/vision_transforms.json: decoded pixels, PIL resize/crop/flip/enhance outputs, the
crops, flips and jitter factors torchvision draws for given seeds, tensors of the tutorial's train/val pipelines,
reprs, and ImageFolder's listing of a tree of names. Run from the repository root:
    python3 src/test/python/gen_vision_transforms_golden.py
With --out FILE the JSON goes to FILE and the images to a temporary folder (the committed ones stay untouched;
they are drawn the same way, so the JSON is the same).
"""
import argparse
import json
import os
import shutil
import tempfile

import numpy as np
import torch
from PIL import Image
from torchvision import datasets, transforms
import torchvision.transforms.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources")
VIS = os.path.join(ROOT, "vision")
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def px(img):
    return {"mode": img.mode, "width": img.width, "height": img.height, "pixels": img.tobytes().hex()}


def tensor(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.flatten().tolist()]}


def draw(rs, w, h):
    """A smooth gradient plus noise, so that resampling has something to average."""
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([x * 255.0 / max(w - 1, 1), y * 255.0 / max(h - 1, 1), (x + y) * 127.0 / max(w + h - 2, 1)], -1)
    noise = rs.randint(-60, 61, size=(h, w, 3))
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def write_images():
    os.makedirs(VIS, exist_ok=True)
    rs = np.random.RandomState(14)
    Image.fromarray(draw(rs, 37, 29), "RGB").save(os.path.join(VIS, "a.png"))
    Image.fromarray(draw(rs, 20, 31), "RGB").save(os.path.join(VIS, "b.png"))
    Image.fromarray(draw(rs, 13, 11)[:, :, 0], "L").save(os.path.join(VIS, "grey.png"))
    Image.fromarray(draw(rs, 12, 9), "RGB").quantize(16).save(os.path.join(VIS, "palette.png"))
    rgba = np.concatenate([draw(rs, 10, 8), rs.randint(0, 256, size=(8, 10, 1)).astype(np.uint8)], -1)
    Image.fromarray(rgba, "RGBA").save(os.path.join(VIS, "rgba.png"))
    Image.fromarray(draw(rs, 33, 27), "RGB").save(os.path.join(VIS, "photo.jpg"), quality=90)
    folder = os.path.join(VIS, "folder")
    shutil.rmtree(folder, ignore_errors=True)
    for cls, n in (("dog", 3), ("cat", 2)):
        os.makedirs(os.path.join(folder, cls))
        for i in range(n):
            Image.fromarray(draw(rs, 12 + i, 10 + 2 * i), "RGB").save(os.path.join(folder, cls, f"{i}.png"))


def main():
    global VIS
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(ROOT, "golden", "vision_transforms.json"))
    args = parser.parse_args()
    scratch = None
    if os.path.abspath(args.out) != os.path.abspath(os.path.join(ROOT, "golden", "vision_transforms.json")):
        scratch = tempfile.mkdtemp()
        VIS = scratch
    try:
        run(args.out)
    finally:
        if scratch:
            shutil.rmtree(scratch)


def run(out_path):
    write_images()
    out = {}
    a = Image.open(os.path.join(VIS, "a.png")).convert("RGB")
    b = Image.open(os.path.join(VIS, "b.png")).convert("RGB")
    out["decode"] = {n: px(Image.open(os.path.join(VIS, n)).convert("RGB"))
                     for n in ("a.png", "b.png", "grey.png", "palette.png", "rgba.png", "photo.jpg")}
    out["decode_L"] = px(Image.open(os.path.join(VIS, "a.png")).convert("L"))

    resize = []
    for name, img in (("a", a), ("b", b), ("aL", a.convert("L"))):
        for (w, h) in ((16, 12), (50, 40), (37, 10), (5, 29), (1, 1), (111, 3)):
            for filt, fname in ((Image.BILINEAR, "BILINEAR"), (Image.NEAREST, "NEAREST")):
                resize.append({"image": name, "width": w, "height": h, "filter": fname, **px(img.resize((w, h), filt))})
    out["resize"] = resize

    out["Resize"] = [{"image": "a", "size": 16, **px(transforms.Resize(16)(a))},
                     {"image": "b", "size": 40, **px(transforms.Resize(40)(b))},
                     {"image": "a", "size": 7, "nearest": True,
                      **px(transforms.Resize(7, transforms.InterpolationMode.NEAREST)(a))}]
    out["CenterCrop"] = [{"size": [s, t], **px(transforms.CenterCrop((s, t))(a))}
                         for (s, t) in ((20, 20), (28, 15), (40, 44), (29, 37), (30, 10))]
    out["crop"] = px(a.crop((-3, 5, 12, 40)))
    out["hflip"] = px(F.hflip(a))

    rrc = []
    torch.manual_seed(3)
    for scale, ratio in (((0.08, 1.0), (3 / 4, 4 / 3)), ((0.9, 1.0), (3.0, 4.0)), ((0.5, 0.6), (0.2, 0.3))):
        for _ in range(4):
            rrc.append({"scale": scale, "ratio": ratio,
                        "params": list(transforms.RandomResizedCrop.get_params(a, scale, ratio))})
    out["RandomResizedCrop_params"] = rrc
    torch.manual_seed(4)
    t = transforms.RandomResizedCrop(9)
    out["RandomResizedCrop"] = [px(t(a)) for _ in range(3)]
    torch.manual_seed(5)
    t = transforms.RandomHorizontalFlip()
    out["RandomHorizontalFlip"] = [F.hflip(a) == t(a) for _ in range(12)]
    torch.manual_seed(5)
    t = transforms.RandomHorizontalFlip(0.3)
    out["RandomHorizontalFlip_p03"] = [F.hflip(a) == t(a) for _ in range(12)]

    enhance = []
    for fn, factors in (("brightness", (0.0, 0.5, 1.0, 1.7)), ("contrast", (0.0, 0.3, 1.8)),
                        ("saturation", (0.0, 0.6, 2.0)), ("hue", (0.0, 0.1, 0.25, 0.5, -0.1, -0.37, -0.5))):
        for f in factors:
            enhance.append({"fn": fn, "factor": f, **px(getattr(F, "adjust_" + fn)(a, f))})
    out["enhance"] = enhance
    torch.manual_seed(6)
    cj = transforms.ColorJitter(0.4, 0.4, 0.4)
    out["ColorJitter_params"] = []
    for _ in range(3):
        fn_idx, bf, cf, sf, hf = cj.get_params(cj.brightness, cj.contrast, cj.saturation, cj.hue)
        out["ColorJitter_params"].append({"order": fn_idx.tolist(), "factors": [bf, cf, sf]})
    torch.manual_seed(7)
    out["ColorJitter"] = [px(cj(a)) for _ in range(3)]

    sq = a.crop((0, 0, 29, 29))
    out["rotate"] = [{"angle": ang, "square": s, **px((sq if s else a).rotate(ang))}
                     for ang in (17.3, -45.0, 90.0, 180.0, 270.0, 123.456, 0.0, 393.0, -0.4, 359.9)
                     for s in (False, True)]
    torch.manual_seed(8)
    rot = transforms.RandomRotation(30)
    out["RandomRotation"] = [px(rot(a)) for _ in range(3)]
    torch.manual_seed(8)
    out["RandomRotation_angles"] = [transforms.RandomRotation.get_params([-30.0, 30.0]) for _ in range(3)]

    train = transforms.Compose([transforms.RandomResizedCrop(8), transforms.RandomHorizontalFlip(),
                                transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    val = transforms.Compose([transforms.Resize(10), transforms.CenterCrop(8), transforms.ToTensor(),
                              transforms.Normalize(MEAN, STD)])
    torch.manual_seed(0)
    out["train"] = [tensor(train(a)) for _ in range(3)]
    out["val"] = tensor(val(b))
    out["ToTensor"] = tensor(transforms.ToTensor()(b))
    ramp = torch.linspace(0, 1, 3 * 4 * 5).reshape(3, 4, 5)
    out["ToPILImage"] = px(transforms.ToPILImage()(ramp))
    out["ToPILImage_L"] = px(transforms.ToPILImage()(ramp[0]))

    out["repr"] = {
        "train": repr(transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                                          transforms.ToTensor(), transforms.Normalize(MEAN, STD)])),
        "val": repr(transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                                        transforms.Normalize(MEAN, STD)])),
        "ColorJitter": repr(transforms.ColorJitter(0.4, 0.4, 0.4, 0.1)),
        "ColorJitter_b": repr(transforms.ColorJitter(brightness=0.2)),
        "ToPILImage": repr(transforms.ToPILImage()),
        "Resize_hw": repr(transforms.Resize((32, 48))),
        "RandomHorizontalFlip": repr(transforms.RandomHorizontalFlip(0.3)),
        "RandomRotation": repr(transforms.RandomRotation(30)),
    }

    # ImageFolder: the listing of a tree of names (the files need not be images for that)
    names = ["b/1.png", "b/0.JPG", "b/notes.txt", "a/z.jpeg", "a/sub/2.png", "a/sub b/3.png", "a/sub/deeper/4.bmp",
             "a/A.PNG", "a/_x.webp", "A/x.tif", "a b/y.ppm", "a b/y.gif"]
    tmp = tempfile.mkdtemp()
    try:
        for n in names:
            p = os.path.join(tmp, n)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, "wb").close()
        os.makedirs(os.path.join(tmp, "a", "empty"))
        ds = datasets.ImageFolder(tmp)
        out["ImageFolder_tree"] = {"files": names, "classes": ds.classes, "class_to_idx": ds.class_to_idx,
                                   "samples": [[os.path.relpath(p, tmp), c] for p, c in ds.samples]}
    finally:
        shutil.rmtree(tmp)
    ds = datasets.ImageFolder(os.path.join(VIS, "folder"), transforms.Compose(
        [transforms.Resize(6), transforms.CenterCrop(5), transforms.ToTensor(), transforms.Normalize(MEAN, STD)]))
    loader = torch.utils.data.DataLoader(ds, batch_size=2)
    out["ImageFolder_batches"] = [{"images": tensor(x), "targets": y.tolist()} for x, y in loader]
    out["ImageFolder_repr"] = repr(ds).replace(os.path.join(VIS, "folder"), "ROOT")

    with open(out_path, "w") as f:
        json.dump(out, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
