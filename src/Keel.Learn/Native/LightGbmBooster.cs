using System.Runtime.InteropServices;
using System.Text;

namespace Keel.Learn.Native;

/// <summary>A LightGBM booster owned by Keel: trains round by round, saves its model text, predicts.</summary>
internal sealed class LightGbmBooster : IDisposable
{
    private IntPtr _handle;
    private IntPtr _dataset;
    private GCHandle _pinnedData;

    private LightGbmBooster(IntPtr handle) => _handle = handle;

    public static unsafe LightGbmBooster Create(float[] features, int rows, int cols, float[] labels, float[]? weights, string parameters)
    {
        var pinned = GCHandle.Alloc(features, GCHandleType.Pinned);
        IntPtr dataset = IntPtr.Zero;
        try
        {
            LightGbmNative.Check(LightGbmNative.LGBM_DatasetCreateFromMat(pinned.AddrOfPinnedObject(), LightGbmNative.DTypeFloat32, rows, cols, 1, parameters, IntPtr.Zero, out dataset), "build its dataset");
            fixed (float* l = labels)
                LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(dataset, "label", (IntPtr)l, rows, LightGbmNative.DTypeFloat32), "set labels");
            if (weights is not null)
                fixed (float* w = weights)
                    LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(dataset, "weight", (IntPtr)w, rows, LightGbmNative.DTypeFloat32), "set weights");
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterCreate(dataset, parameters, out var handle), "create a booster");
            return new LightGbmBooster(handle) { _dataset = dataset, _pinnedData = pinned };
        }
        catch
        {
            if (dataset != IntPtr.Zero) LightGbmNative.LGBM_DatasetFree(dataset);
            pinned.Free();
            throw;
        }
    }

    public static LightGbmBooster FromModelText(string text)
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterLoadModelFromString(text, out _, out var handle), "load a model");
        return new LightGbmBooster(handle);
    }

    /// <summary>One boosting round; false when LightGBM cannot split any further.</summary>
    public bool UpdateOneIteration()
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterUpdateOneIter(_handle, out var finished), "train a round");
        return finished == 0;
    }

    public string SaveModelText()
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterSaveModelToString(_handle, 0, -1, 0, 0, out var length, IntPtr.Zero), "save its model");
        var buffer = Marshal.AllocHGlobal((IntPtr)length);
        try
        {
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterSaveModelToString(_handle, 0, -1, 0, length, out _, buffer), "save its model");
            return Marshal.PtrToStringUTF8(buffer) ?? "";
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>Predictions of LightGBM itself (raw scores, probabilities or SHAP contributions), row-major.</summary>
    public unsafe double[] Predict(float[] features, int rows, int cols, int predictType, int outputsPerRow)
    {
        var result = new double[rows * outputsPerRow];
        fixed (float* x = features)
        fixed (double* r = result)
        {
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterPredictForMat(_handle, (IntPtr)x, LightGbmNative.DTypeFloat32, rows, cols, 1, predictType, 0, -1, "", out var n, (IntPtr)r), "predict");
            if (n != result.Length) Array.Resize(ref result, (int)n);
        }
        return result;
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero) { LightGbmNative.LGBM_BoosterFree(_handle); _handle = IntPtr.Zero; }
        if (_dataset != IntPtr.Zero) { LightGbmNative.LGBM_DatasetFree(_dataset); _dataset = IntPtr.Zero; }
        if (_pinnedData.IsAllocated) _pinnedData.Free();
    }
}
