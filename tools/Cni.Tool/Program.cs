using Cni.Tool;

return await ToolCommand.InvokeAsync(args).ConfigureAwait(false);
