/**
 * torchvision 0.14's classification models ({@code torchvision.models}): {@link dev.jtorch.vision.models.ResNet}
 * with {@link dev.jtorch.vision.models.BasicBlock} and {@link dev.jtorch.vision.models.Bottleneck},
 * {@link dev.jtorch.vision.models.MobileNetV2} with {@link dev.jtorch.vision.models.InvertedResidual}, and
 * {@link dev.jtorch.vision.models.VGG}, built by {@link dev.jtorch.vision.models.Models} ({@code resnet18()},
 * {@code mobilenetV2()}, {@code vgg11()}, ...). Module names, reprs, state-dict keys and seeded initialisation are
 * torchvision's, so a state dict saved by torchvision loads strictly and gives the same outputs:
 *
 * <pre>{@code
 * ResNet model = Models.resnet18();                                 // model = torchvision.models.resnet18()
 * model.loadStateDict((Map<String, Tensor>) Torch.load(path));     // model.load_state_dict(torch.load(path))
 * model.requiresGrad_(false);                                       // for p in model.parameters(): p.requires_grad = False
 * model.fc = new Linear(model.fc.inFeatures(), 2);                  // model.fc = nn.Linear(model.fc.in_features, 2)
 * SGD opt = new SGD(model.fc.parameters(), new SGD.Options(0.001).momentum(0.9));
 * }</pre>
 *
 * <p>Pretrained weights are not downloaded ({@code weights=} is not offered): save them in Python with
 * {@code torch.save(torchvision.models.resnet18(weights="IMAGENET1K_V1").state_dict(), path)} and load the file.
 * See <a href="https://pytorch.org/vision/0.14/models.html">torchvision.models</a>.
 */
package dev.jtorch.vision.models;
