using System.Runtime.InteropServices;

namespace Keel.Benchmarks;

/// <summary>
/// LightGBM's C API called directly (lib_lightgbm from the LightGBM NuGet package), independently of Keel's own
/// bindings: the baseline "native LightGBM alone" that Keel's trainer is compared with.
/// </summary>
internal static partial class NativeLightGbm
{
    private const string Lib = "lib_lightgbm";
    private const int DTypeFloat32 = 0;
    public const int PredictRawScore = 1;
    public const int PredictContrib = 3;

    [LibraryImport(Lib)]
    private static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_DatasetCreateFromMat(float* data, int dataType, int nrow, int ncol, int isRowMajor, string parameters, IntPtr reference, out IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_DatasetSetField(IntPtr handle, string field, float* data, int count, int type);

    [LibraryImport(Lib)]
    private static partial int LGBM_DatasetFree(IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterCreate(IntPtr train, string parameters, out IntPtr handle);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterUpdateOneIter(IntPtr handle, out int finished);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterSaveModelToString(IntPtr handle, int startIteration, int numIteration, int importanceType, long bufferLength, out long outLength, IntPtr buffer);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_BoosterPredictForMat(IntPtr handle, float* data, int dataType, int nrow, int ncol, int isRowMajor, int predictType, int startIteration, int numIteration, string parameters, out long outLength, double* result);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterFree(IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterPredictForMatSingleRowFastInit(IntPtr handle, int predictType, int startIteration, int numIteration, int dataType, int ncol, string parameters, out IntPtr fastConfig);

    [LibraryImport(Lib)]
    private static unsafe partial int LGBM_BoosterPredictForMatSingleRowFast(IntPtr fastConfig, float* data, out long outLength, double* result);

    [LibraryImport(Lib)]
    private static partial int LGBM_FastConfigFree(IntPtr fastConfig);

    private static void Check(int code, string what)
    {
        if (code != 0) throw new InvalidOperationException($"LightGBM {what} failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
    }

    /// <summary>A trained booster and its dataset; dispose to free both.</summary>
    public sealed class Booster : IDisposable
    {
        internal IntPtr Handle;
        internal IntPtr Dataset;

        public void Dispose()
        {
            if (Handle != IntPtr.Zero) { LGBM_BoosterFree(Handle); Handle = IntPtr.Zero; }
            if (Dataset != IntPtr.Zero) { LGBM_DatasetFree(Dataset); Dataset = IntPtr.Zero; }
        }
    }

    /// <summary>Builds the dataset from a row-major float32 matrix, sets labels, creates the booster and runs the rounds.</summary>
    public static unsafe Booster Train(float[] features, int rows, int cols, float[] labels, string parameters, int iterations)
    {
        var booster = new Booster();
        try
        {
            fixed (float* x = features)
                Check(LGBM_DatasetCreateFromMat(x, DTypeFloat32, rows, cols, 1, parameters, IntPtr.Zero, out booster.Dataset), "DatasetCreateFromMat");
            fixed (float* y = labels)
                Check(LGBM_DatasetSetField(booster.Dataset, "label", y, rows, DTypeFloat32), "DatasetSetField(label)");
            Check(LGBM_BoosterCreate(booster.Dataset, parameters, out booster.Handle), "BoosterCreate");
            for (var i = 0; i < iterations; i++)
            {
                Check(LGBM_BoosterUpdateOneIter(booster.Handle, out var finished), "BoosterUpdateOneIter");
                if (finished != 0) break;
            }
            return booster;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    public static string SaveModelText(Booster booster)
    {
        Check(LGBM_BoosterSaveModelToString(booster.Handle, 0, -1, 0, 0, out var length, IntPtr.Zero), "BoosterSaveModelToString");
        var buffer = Marshal.AllocHGlobal((IntPtr)length);
        try
        {
            Check(LGBM_BoosterSaveModelToString(booster.Handle, 0, -1, 0, length, out _, buffer), "BoosterSaveModelToString");
            return Marshal.PtrToStringUTF8(buffer) ?? "";
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>LightGBM's fastest single-row path: a prepared configuration reused for every row.</summary>
    public sealed class SingleRow : IDisposable
    {
        private IntPtr _config;

        public SingleRow(Booster booster, int cols, string parameters)
        {
            Check(LGBM_BoosterPredictForMatSingleRowFastInit(booster.Handle, PredictRawScore, 0, -1, DTypeFloat32, cols, parameters, out _config), "PredictForMatSingleRowFastInit");
        }

        public unsafe double Predict(float[] row)
        {
            double result;
            fixed (float* x = row)
                Check(LGBM_BoosterPredictForMatSingleRowFast(_config, x, out _, &result), "PredictForMatSingleRowFast");
            return result;
        }

        public void Dispose()
        {
            if (_config != IntPtr.Zero) { LGBM_FastConfigFree(_config); _config = IntPtr.Zero; }
        }
    }

    /// <summary>LightGBM's own TreeSHAP: (features + 1) values per row, the last the expected value (binary model).</summary>
    public static unsafe double[] PredictContributions(Booster booster, float[] features, int rows, int cols, string parameters = "")
    {
        var result = new double[(long)rows * (cols + 1)];
        fixed (float* x = features)
        fixed (double* r = result)
            Check(LGBM_BoosterPredictForMat(booster.Handle, x, DTypeFloat32, rows, cols, 1, PredictContrib, 0, -1, parameters, out _, r), "BoosterPredictForMat(contrib)");
        return result;
    }

    /// <summary>Raw scores (one per row for binary and regression) from LightGBM's own predictor.</summary>
    public static unsafe double[] PredictRaw(Booster booster, float[] features, int rows, int cols, string parameters = "")
    {
        var result = new double[rows];
        fixed (float* x = features)
        fixed (double* r = result)
            Check(LGBM_BoosterPredictForMat(booster.Handle, x, DTypeFloat32, rows, cols, 1, PredictRawScore, 0, -1, parameters, out _, r), "BoosterPredictForMat");
        return result;
    }
}
